package io.payrail.payment.points;

import io.payrail.events.PointsReservation;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.keys.OrderKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A points answer that keeps the contract, and the record it came in (to dead-letter it). */
public record Answered(ConsumerRecord<String, PointsReservation> record) {

  public PointsReservation value() {
    return record.value();
  }

  public String orderId() {
    return record.value().getOrderId();
  }

  /** The order the answer is for: the answer's merchant and orderId. */
  public OrderKey key() {
    return new OrderKey(record.value().getMerchantId(), record.value().getOrderId());
  }

  /** The record, as the ledger remembers the one that moved a row on from AWAITING_POINTS. */
  public SourceRecord source() {
    return SourceRecord.of(record);
  }

  /** The answer as {@code points_reservations} records it. */
  public PointsAnswer answer() {
    PointsReservation value = value();
    return new PointsAnswer(
        value.getMerchantId(),
        value.getOrderId(),
        value.getStatus(),
        value.getReason(),
        value.getPoints(),
        source());
  }
}
