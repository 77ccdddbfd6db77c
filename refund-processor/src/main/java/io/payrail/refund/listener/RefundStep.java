package io.payrail.refund.listener;

/** The steps of a chunk after which a crash must neither lose nor repeat a refund or an event. */
public enum RefundStep {
  /** The gateway has paid back the chunk's new refunds; the ledger transaction is still open. */
  AFTER_GATEWAY_REFUND,
  /** The ledger transaction has committed; the Kafka transaction has not. */
  AFTER_LEDGER_COMMIT
}
