package io.payrail.payment.listener;

/** The steps of a chunk after which a crash must neither lose nor repeat a charge or an event. */
public enum PaymentStep {
  /** The gateway has answered every charge of the chunk; nothing is in the database yet. */
  AFTER_GATEWAY_CALL,
  /** The ledger transaction has committed; the Kafka transaction has not. */
  AFTER_LEDGER_COMMIT
}
