package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an order that was already seen within the retention, in event time: the first one wins.
 * Upstream retries republish the same order, and scoring it twice would count it twice in the
 * customer's velocity and spend. An order is its {@code merchantId/orderId} ({@link OrderKey}): an
 * orderId is the merchant's reference, so another merchant's order with the same orderId is another
 * order and is scored. The store is windowed so it forgets orders older than the retention instead
 * of growing forever; a repeat after that is scored again.
 */
public final class FirstOrderIdWins implements FixedKeyProcessor<String, OrderPlaced, OrderPlaced> {

  /** Told about every dropped repeat, for metrics. */
  public interface RepeatListener {
    void repeatedOrderDropped(OrderPlaced order);
  }

  private final String storeName;
  private final long retentionMs;
  private final RepeatListener listener;
  private FixedKeyProcessorContext<String, OrderPlaced> context;
  private WindowStore<String, Long> seen;

  public FirstOrderIdWins(String storeName, Duration retention, RepeatListener listener) {
    this.storeName = storeName;
    this.retentionMs = retention.toMillis();
    this.listener = listener;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, OrderPlaced> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, OrderPlaced> record) {
    OrderPlaced order = record.value();
    // From the value, not the record key: the order's identity is its own merchant and orderId.
    String orderKey = OrderKey.of(order.getMerchantId(), order.getOrderId());
    long placedAt = record.timestamp();
    // Both directions: a repeat may carry an earlier or later placedAt than the first copy.
    try (WindowStoreIterator<Long> earlier =
        seen.fetch(orderKey, placedAt - retentionMs, placedAt + retentionMs)) {
      if (earlier.hasNext()) {
        listener.repeatedOrderDropped(order);
        return;
      }
    }
    seen.put(orderKey, placedAt, placedAt);
    context.forward(record);
  }
}
