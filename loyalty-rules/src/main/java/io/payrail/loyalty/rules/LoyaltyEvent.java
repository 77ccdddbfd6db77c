package io.payrail.loyalty.rules;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltySource;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Instant;

/**
 * An upstream event that changes a balance: a captured payment or a completed refund, or a
 * registration that opens one.
 */
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

  /**
   * A customer registered: opens a zero balance at the base tier, unless the customer has one. It
   * belongs to no order ({@link #orderId()} is empty); its source id is the customer's key.
   */
  record Registered(CustomerRegistered customer) implements LoyaltyEvent {

    @Override
    public String customerId() {
      return customer.getCustomerId();
    }

    @Override
    public String orderId() {
      return "";
    }

    @Override
    public String sourceId() {
      return key().encoded();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.REGISTRATION;
    }

    @Override
    public Instant processedAt() {
      return customer.getCreatedAt();
    }

    /** The registration's key on the customers topic. */
    public CustomerKey key() {
      return new CustomerKey(customer.getMerchantId(), customer.getCustomerId());
    }
  }
}
