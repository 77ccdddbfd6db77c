package io.payrail.refund.decision;

/** Why a refund was rejected, as {@code RefundProcessed.rejectionCode} spells it. */
public enum RejectionCode {
  /** More than what remains of the capture was asked for (or nothing remains). */
  EXCEEDS_REMAINING("exceeds_remaining", true),
  /** The currency asked for is not the payment's. */
  CURRENCY_MISMATCH("currency_mismatch", true),
  /** The order's payment exists but is not captured (yet): nothing to refund now. */
  NOT_CAPTURED("not_captured", false),
  /** No payment for this order and merchant (yet). */
  UNKNOWN_ORDER("unknown_order", false),
  /** The refundId was already used for another order, merchant, amount or currency. */
  IDEMPOTENCY_MISMATCH("idempotency_mismatch", false),
  /**
   * The order already keeps {@code ContractRules.MAX_REFUNDS_PER_ORDER} refunds (reserved ones
   * included). Not kept, so that the ledger (and the order's status row) stays bounded.
   */
  TOO_MANY_REFUNDS("too_many_refunds", false),
  /**
   * Reserved, but the acquirer has no record of paying it back when the reconciler asked (the
   * request timed out before reaching it, or its record was dead-lettered before it was sent): the
   * reservation is released. Kept: ask again with a new refundId.
   */
  REFUND_FAILED("refund_failed", true);

  private final String code;
  private final boolean recorded;

  RejectionCode(String code, boolean recorded) {
    this.code = code;
    this.recorded = recorded;
  }

  public String code() {
    return code;
  }

  /**
   * Whether the rejection is kept under the refundId. Rejections that can never turn into a refund
   * are final; those that depend on a payment still to come are not, so that the caller may retry
   * the same refundId once the payment is captured. A mismatch never takes over the key of the
   * request that owns it.
   */
  public boolean recorded() {
    return recorded;
  }
}
