package io.payrail.refund.listener;

/** The steps of a chunk after which a crash must neither lose nor repeat a refund or an event. */
public enum RefundStep {
  /** The chunk's refunds are reserved (PENDING) and committed; the acquirer has not been asked. */
  AFTER_RESERVE_COMMIT,
  /** The acquirer has answered (or not) the chunk's refunds; the ledger has not recorded it. */
  AFTER_GATEWAY_REFUND,
  /**
   * The answers are in the ledger (COMPLETED, UNKNOWN); the Kafka transaction has not committed.
   */
  AFTER_LEDGER_COMMIT,
  /** The reconciler's resolutions are committed in the ledger; their events are not. */
  AFTER_RESOLUTION_COMMIT
}
