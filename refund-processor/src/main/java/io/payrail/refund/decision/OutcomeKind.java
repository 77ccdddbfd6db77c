package io.payrail.refund.decision;

/** How an outcome relates to the ledger. */
public enum OutcomeKind {
  /** Decided now and kept in {@code refunds}: a rejection, or a refund reserved (PENDING). */
  RECORDED,
  /** The refundId's final outcome, answered again for a repeated request or a redelivery. */
  REPLAYED,
  /**
   * Reserved by this very request in an earlier attempt that stopped before the acquirer was asked
   * or answered: paid back now, with the same idempotency key.
   */
  RESUMED,
  /** Decided now and not kept: the same refundId may be asked again and decided anew. */
  NOT_RECORDED,
  /**
   * Nothing to do or answer now: the refundId's refund is another request's reservation, or waits
   * for the reconciler (UNKNOWN), or the reconciler finalized it and published its answer. Its one
   * answer comes from whoever finalizes it (or, in the same chunk, from the request paid back now).
   */
  UNANSWERED
}
