package io.payrail.loyalty.rules;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltySource;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * An upstream event that changes a balance: a captured payment or a completed refund, a
 * registration that opens one, an order that redeems points, or a payment that ended without a
 * capture (which gives its order's reserved points back).
 *
 * <p>Every event belongs to a merchant: a customer is {@code merchantId/customerId} ({@link
 * #customerKey()}) and an order {@code merchantId/orderId}, so the same customerId or orderId at
 * two merchants is two balances and two orders.
 */
public sealed interface LoyaltyEvent {

  /** The merchant the customer and the order belong to. */
  String merchantId();

  String customerId();

  /** The customer whose balance the event changes: {@code merchantId/customerId}. */
  default CustomerKey customerKey() {
    return new CustomerKey(merchantId(), customerId());
  }

  String orderId();

  /** The paymentId or refundId: what a repeat of the same event is recognised by. */
  String sourceId();

  LoyaltySource source();

  /** When the ledger recorded it: the event's time, which orders a refund after its payment. */
  Instant processedAt();

  /** A captured payment: earns points, and spends the points reserved for its order. */
  record Captured(PaymentProcessed payment) implements LoyaltyEvent {

    @Override
    public String merchantId() {
      return payment.getMerchantId();
    }

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
    public String merchantId() {
      return refund.getMerchantId();
    }

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
   * belongs to no order ({@link #orderId()} is empty); its source id is the customer's key, as the
   * customers topic keys it.
   */
  record Registered(CustomerRegistered customer) implements LoyaltyEvent {

    @Override
    public String merchantId() {
      return customer.getMerchantId();
    }

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
      return customerKey().encoded();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.REGISTRATION;
    }

    @Override
    public Instant processedAt() {
      return customer.getCreatedAt();
    }
  }

  /**
   * An order that redeems points ({@code pointsToRedeem} set): asks for them to be reserved. Its
   * source id is the orderId, which a repeated order is recognised by.
   */
  record RedemptionRequested(OrderPlaced order) implements LoyaltyEvent {

    @Override
    public String merchantId() {
      return order.getMerchantId();
    }

    @Override
    public String customerId() {
      return order.getCustomerId();
    }

    @Override
    public String orderId() {
      return order.getOrderId();
    }

    @Override
    public String sourceId() {
      return order.getOrderId();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.RESERVATION;
    }

    /** The order's {@code placedAt}: its event time, as risk-streams reads it. */
    @Override
    public Instant processedAt() {
      return order.getPlacedAt();
    }

    /** The points the order redeems. */
    public long points() {
      return order.getPointsToRedeem();
    }
  }

  /**
   * A payment that ended without a capture (DECLINED, FAILED, REJECTED_BY_RISK,
   * REJECTED_BY_REVIEW): closes its order and gives back the points reserved for it. Its source id
   * is the orderId, as its RELEASE change names it: an order ends once.
   */
  record PaymentEnded(PaymentProcessed payment) implements LoyaltyEvent {

    /** Final statuses other than CAPTURED; HELD_FOR_REVIEW is not final. */
    private static final Set<PaymentStatus> ENDED_WITHOUT_CAPTURE =
        EnumSet.of(
            PaymentStatus.DECLINED,
            PaymentStatus.FAILED,
            PaymentStatus.REJECTED_BY_RISK,
            PaymentStatus.REJECTED_BY_REVIEW);

    /** Whether a payment with this status ended without a capture. */
    public static boolean endsWithoutCapture(PaymentStatus status) {
      return ENDED_WITHOUT_CAPTURE.contains(status);
    }

    @Override
    public String merchantId() {
      return payment.getMerchantId();
    }

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
      return payment.getOrderId();
    }

    @Override
    public LoyaltySource source() {
      return LoyaltySource.RELEASE;
    }

    @Override
    public Instant processedAt() {
      return payment.getProcessedAt();
    }
  }
}
