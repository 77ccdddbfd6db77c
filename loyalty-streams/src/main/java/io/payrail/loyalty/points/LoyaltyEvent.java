package io.payrail.loyalty.points;

import io.payrail.events.LoyaltySource;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;

/** An upstream event that changes points: a captured payment or a completed refund. */
public sealed interface LoyaltyEvent {

  String customerId();

  String orderId();

  /** The paymentId or refundId: what a repeat of the same event is recognised by. */
  String sourceId();

  LoyaltySource source();

  /** The contract topic the event came from, whose DLT takes it if it cannot be applied. */
  Topic<String, ?> topic();

  /** A captured payment: earns points. */
  record Captured(PaymentProcessed payment) implements LoyaltyEvent {

    @Override
    public String customerId() {
      return payment.getCustomerId();
    }

    @Override
    public String orderId() {
      return payment.getOrderId();
    }

    @Override
    public String sourceId() {
      return payment.getPaymentId();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.PAYMENT;
    }

    @Override
    public Topic<String, ?> topic() {
      return Topics.PAYMENTS;
    }
  }

  /** A completed refund: takes back the refunded share of the order's points. */
  record Refunded(RefundProcessed refund) implements LoyaltyEvent {

    @Override
    public String customerId() {
      return refund.getCustomerId();
    }

    @Override
    public String orderId() {
      return refund.getOrderId();
    }

    @Override
    public String sourceId() {
      return refund.getRefundId();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.REFUND;
    }

    @Override
    public Topic<String, ?> topic() {
      return Topics.REFUNDS;
    }
  }
}
