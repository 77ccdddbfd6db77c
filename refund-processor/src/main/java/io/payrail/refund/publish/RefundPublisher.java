package io.payrail.refund.publish;

import io.payrail.events.RefundProcessed;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each final outcome as {@code RefundProcessed}, keyed by its order's {@code
 * merchantId/orderId} ({@link OrderKey}), into the listener's Kafka transaction: the events become
 * visible with the offsets' commit, or not at all. An outcome is always published from its ledger
 * row, so an outcome published again is identical.
 */
@Component
public class RefundPublisher {

  private final KafkaTemplate<String, Object> kafka;

  public RefundPublisher(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  public void publish(List<RefundRow> outcomes) {
    for (RefundRow row : outcomes) {
      kafka.send(Topics.REFUNDS.name(), row.orderKey().encoded(), event(row));
    }
  }

  public static RefundProcessed event(RefundRow row) {
    return RefundProcessed.newBuilder()
        .setRefundId(row.refundId())
        .setOrderId(row.orderId())
        .setCustomerId(row.customerId())
        .setMerchantId(row.merchantId())
        .setAmountMinor(row.amountMinor())
        .setCurrency(row.currency())
        .setStatus(row.status().toEventStatus())
        .setReason(row.reason())
        .setRejectionCode(row.rejectionCode())
        .setRefundedTotalMinor(row.refundedTotalMinor())
        .setCapturedAmountMinor(row.capturedAmountMinor())
        .setProcessedAt(row.createdAt())
        .build();
  }
}
