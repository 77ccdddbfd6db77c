package io.payrail.payment.listener;

/** The steps after which a crash must neither lose nor repeat a charge or an event. */
public enum PaymentStep {
  /** The chunk's PENDING rows are committed; the acquirer has not been asked. */
  AFTER_PENDING_COMMIT,
  /** The acquirer has answered every charge of the chunk; the rows are still PENDING. */
  AFTER_GATEWAY_CALL,
  /** The answers are committed in the ledger; the Kafka transaction has not committed. */
  AFTER_LEDGER_COMMIT,
  /** The reconciler's resolutions are committed in the ledger; their events are not. */
  AFTER_RESOLUTION_COMMIT
}
