package io.payrail.payment.publish;

import io.payrail.events.PaymentProcessed;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each row's outcome as {@code PaymentProcessed}, keyed by its order ({@code
 * merchantId/orderId}, {@link OrderKey}), into the listener's Kafka transaction: the events become
 * visible with the offsets' commit, or not at all.
 */
@Component
public class PaymentPublisher {

  private final KafkaTemplate<String, Object> kafka;

  public PaymentPublisher(KafkaTemplate<String, Object> kafka) {
    this.kafka = kafka;
  }

  public void publish(List<PaymentRow> rows) {
    for (PaymentRow row : rows) {
      kafka.send(Topics.PAYMENTS.name(), row.key().encoded(), event(row));
    }
  }

  static PaymentProcessed event(PaymentRow row) {
    return PaymentProcessed.newBuilder()
        .setPaymentId(row.paymentId())
        .setOrderId(row.orderId())
        .setCustomerId(row.customerId())
        .setMerchantId(row.merchantId())
        .setAmountMinor(row.amountMinor())
        .setCurrency(row.currency())
        .setStatus(row.status().toEventStatus())
        .setDeclineCode(row.declineCode())
        .setGatewayReference(row.gatewayReference())
        .setRiskScore(row.riskScore())
        .setCouponCode(row.coupon() == null ? null : row.coupon().code())
        .setDiscountMinor(row.discountMinor())
        .setPointsRedeemed(row.pointsRedeemed())
        .setProcessedAt(row.updatedAt())
        .build();
  }
}
