package io.payrail.refund.publish;

import io.payrail.events.RefundProcessed;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each outcome as {@code RefundProcessed}, keyed by orderId, into the listener's Kafka
 * transaction: the events become visible with the offsets' commit, or not at all. A replayed
 * outcome is published from its ledger row, so it is identical to the first one.
 */
@Component
public class RefundPublisher {

  private final KafkaTemplate<String, Object> kafka;

  public RefundPublisher(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  public void publish(List<RefundOutcome> outcomes) {
    for (RefundOutcome outcome : outcomes) {
      kafka.send(Topics.REFUNDS.name(), outcome.row().orderId(), event(outcome.row()));
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
        .setStatus(row.status())
        .setReason(row.reason())
        .setRejectionCode(row.rejectionCode())
        .setRefundedTotalMinor(row.refundedTotalMinor())
        .setCapturedAmountMinor(row.capturedAmountMinor())
        .setProcessedAt(row.createdAt())
        .build();
  }
}
