package io.payrail.audit;

/** What an audit can find wrong, each with the promise it breaks. */
public enum DiscrepancyKind {
  MISSING_RISK_ASSESSMENT("an order has no RiskAssessed"),
  DUPLICATE_RISK_ASSESSMENT("an order has more than one RiskAssessed"),
  MISSING_PAYMENT_EVENT("an assessed order has no PaymentProcessed"),
  DUPLICATE_PAYMENT_EVENT(
      "an order has more than one PaymentProcessed HELD_FOR_REVIEW, or more than one outcome"),
  PAYMENT_HELD_AFTER_OUTCOME("an order's PaymentProcessed HELD_FOR_REVIEW came after its outcome"),
  EVENT_WITHOUT_ORDER("a result event names an order that was never placed"),
  UNREADABLE_RECORD("a record cannot be decoded and is not in its dead-letter topic"),
  MISKEYED_RECORD(
      "a record's key is not merchantId/orderId (merchantId/customerId for a balance) of its own"
          + " value"),
  PAYMENT_WITHOUT_LEDGER_ROW("a PaymentProcessed has no payments row"),
  PAYMENT_LEDGER_MISMATCH("a PaymentProcessed disagrees with its payments row"),
  LEDGER_ROW_WITHOUT_EVENT("a final payments row has no PaymentProcessed"),
  REVIEW_OUTCOME_WITHOUT_EVENT(
      "a payments row a review released has its outcome but no PaymentProcessed of it"),
  PAYMENT_STUCK_PENDING("a payments row is still PENDING"),
  PAYMENT_UNKNOWN_TOO_LONG(
      "a payment has had no answer from the acquirer (UNKNOWN) for longer than the threshold"),
  PAYMENT_AWAITING_POINTS_TOO_LONG(
      "an approved payment has waited for the answer to its points (AWAITING_POINTS) for longer"
          + " than the settle time"),
  CAPTURE_WITHOUT_CHARGE("a CAPTURED payment has no approved charge at the acquirer"),
  DUPLICATE_CHARGE("an order was charged more than once at the acquirer"),
  CHARGE_WITHOUT_CAPTURE("an approved charge belongs to no CAPTURED payment"),
  CHARGE_MISMATCH("an approved charge disagrees with its CAPTURED payment"),
  REJECTED_BUT_CHARGED(
      "a payment rejected by risk or by a review has an approved charge at the acquirer"),
  REFUND_EXCEEDS_CAPTURE("completed refunds of an order add up to more than was captured"),
  REFUND_EVENT_WITHOUT_ROW("a recorded RefundProcessed has no refunds row"),
  REFUND_ROW_WITHOUT_EVENT("a refunds row has no RefundProcessed"),
  REFUND_LEDGER_MISMATCH("a RefundProcessed disagrees with its refunds row"),
  REFUND_UNKNOWN_TOO_LONG(
      "a refund has had no answer from the acquirer (UNKNOWN) for longer than the threshold"),
  COMPLETED_REFUND_WITHOUT_ACQUIRER_REFUND("a COMPLETED refund was not paid back at the acquirer"),
  ACQUIRER_REFUND_WITHOUT_COMPLETED_REFUND(
      "the acquirer paid back a refund the ledger does not have"),
  ACQUIRER_REFUND_MISMATCH("the acquirer paid back another amount than the COMPLETED refund"),
  DISCOUNT_MISMATCH(
      "a payment's amount, coupon, discount or redeemed points are not its order's: the charge is"
          + " the total minus the coupon's discount minus the points"),
  COUPON_OVERUSED("a coupon has more payments holding a use than its maxUses"),
  COUPON_CUSTOMER_OVERUSED(
      "a customer has more payments holding a use of a coupon than its maxUsesPerCustomer"),
  COUPON_LIMIT_DECLINE_CHARGED(
      "a payment declined for its coupon's use limit was sent to the acquirer"),
  COUPON_USES_MISMATCH("a coupon's use counter differs from its TAKEN redemptions"),
  POINTS_CHARGED_WITHOUT_RESERVATION(
      "an order redeeming points was captured or charged though its points were refused or never"
          + " reserved"),
  POINTS_NOT_RELEASED(
      "points reserved for an order whose payment ended without a capture were never given back"),
  POINTS_RELEASED_BUT_CAPTURED(
      "points reserved for an order were given back although its payment was captured (spent)"),
  POINTS_RELEASED_MORE_THAN_ONCE("points reserved for an order were given back more than once"),
  POINTS_RELEASED_WITHOUT_FINAL_PAYMENT(
      "points were given back for an order without a reservation or whose payment is not final"),
  POINTS_RESERVATION_LEDGER_MISMATCH(
      "payment-processor's recorded answer to an order's points differs from points-reservations"),
  LOYALTY_BALANCE_NEGATIVE("a loyalty balance has negative points or negative reservedPoints"),
  RESERVED_POINTS_MISMATCH(
      "a customer's reservedPoints differ from the points of their reservations still open"),
  LOYALTY_BALANCE_MISSING("a customer with a captured payment has no loyalty balance"),
  LOYALTY_BALANCE_MISMATCH("a loyalty balance differs from its recomputation");

  private final String promise;

  DiscrepancyKind(String promise) {
    this.promise = promise;
  }

  /** What went wrong, in a phrase for the report. */
  public String description() {
    return promise;
  }
}
