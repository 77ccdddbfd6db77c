package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.streams.deadletter.Outcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the customer placed the order, not when the record reached Kafka: velocity and
 * spend windows must not stretch or shrink with upstream delays. Records that are not orders keep
 * their record timestamp, so they still flow to the dead-letter topic instead of being dropped for
 * an invalid timestamp.
 */
public final class PlacedAtTimestampExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Outcome.Ok<?> ok
        && ok.value() instanceof OrderPlaced order
        && order.getPlacedAt().toEpochMilli() >= 0) {
      return order.getPlacedAt().toEpochMilli();
    }
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0);
  }
}
