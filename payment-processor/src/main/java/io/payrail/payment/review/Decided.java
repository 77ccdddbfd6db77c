package io.payrail.payment.review;

import io.payrail.events.ReviewDecided;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.keys.OrderKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A review decision that keeps the contract, and the record it came in (to dead-letter it). */
public record Decided(ConsumerRecord<String, ReviewDecided> record) {

  public ReviewDecided value() {
    return record.value();
  }

  public String orderId() {
    return record.value().getOrderId();
  }

  /** The order decided: the decision's merchant and orderId. */
  public OrderKey key() {
    return new OrderKey(record.value().getMerchantId(), record.value().getOrderId());
  }

  /** The record, as the ledger remembers the one that decided a hold. */
  public SourceRecord source() {
    return SourceRecord.of(record);
  }
}
