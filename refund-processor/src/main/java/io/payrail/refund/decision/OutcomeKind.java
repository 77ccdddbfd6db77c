package io.payrail.refund.decision;

/** How an outcome relates to the ledger. */
public enum OutcomeKind {
  /** Decided now and kept in {@code refunds}: final for its refundId. */
  RECORDED,
  /** The refundId's kept outcome, answered again for a repeated request or a redelivery. */
  REPLAYED,
  /**
   * Reserved by this very request in an earlier attempt that stopped before the acquirer confirmed
   * it: paid back now, with the same idempotency key.
   */
  RESUMED,
  /** Decided now and not kept: the same refundId may be asked again and decided anew. */
  NOT_RECORDED
}
