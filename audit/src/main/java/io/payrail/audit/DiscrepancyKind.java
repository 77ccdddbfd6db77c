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
  PAYMENT_WITHOUT_LEDGER_ROW("a PaymentProcessed has no payments row"),
  PAYMENT_LEDGER_MISMATCH("a PaymentProcessed disagrees with its payments row"),
  LEDGER_ROW_WITHOUT_EVENT("a final payments row has no PaymentProcessed"),
  REVIEW_OUTCOME_WITHOUT_EVENT(
      "a payments row a review released has its outcome but no PaymentProcessed of it"),
  PAYMENT_STUCK_PENDING("a payments row is still PENDING"),
  PAYMENT_UNKNOWN_TOO_LONG(
      "a payment has had no answer from the acquirer (UNKNOWN) for longer than the threshold"),
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
      "a payment's amount, coupon or discount is not its order's total minus its order's coupon"),
  COUPON_OVERUSED("a coupon has more payments holding a use than its maxUses"),
  COUPON_CUSTOMER_OVERUSED(
      "a customer has more payments holding a use of a coupon than its maxUsesPerCustomer"),
  COUPON_LIMIT_DECLINE_CHARGED(
      "a payment declined for its coupon's use limit was sent to the acquirer"),
  COUPON_USES_MISMATCH("a coupon's use counter differs from its TAKEN redemptions"),
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
