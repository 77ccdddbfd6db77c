package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltySource;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import java.time.Instant;

/** An upstream event that changes points: a captured payment or a completed refund. */
public sealed interface LoyaltyEvent {

  String customerId();

  String orderId();

  /** The paymentId or refundId: what a repeat of the same event is recognised by. */
  String sourceId();

  LoyaltySource source();

  /** When the ledger recorded it: the event's time, which orders a refund after its payment. */
  Instant processedAt();

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
    public Instant processedAt() {
      return payment.getProcessedAt();
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
    public Instant processedAt() {
      return refund.getProcessedAt();
    }
  }
}
