package io.payrail.loyalty.topology;

import io.payrail.streams.deadletter.Outcome;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the ledger recorded the payment or refund ({@code processedAt}): it orders a
 * refund after its payment, ages the per-order state and becomes the balance's {@code updatedAt}. A
 * dead letter keeps the record's own timestamp.
 */
final class EventTimeExtractor<T> implements TimestampExtractor {

  private final Function<T, Instant> eventTime;

  EventTimeExtractor(Function<T, Instant> eventTime) {
    this.eventTime = eventTime;
  }

  @Override
  @SuppressWarnings("unchecked")
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Outcome.Ok<?> ok) {
      return eventTime.apply((T) ok.value()).toEpochMilli();
    }
    return record.timestamp();
  }
}
