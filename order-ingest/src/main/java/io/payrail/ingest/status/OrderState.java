package io.payrail.ingest.status;

/**
 * Where an order is in the pipeline, as the status view derives it from its five topics. Stored by
 * name: a state is never renamed or removed.
 */
public enum OrderState {
  RECEIVED,
  APPROVED,
  IN_REVIEW,
  DECLINED_BY_RISK,
  PAID,
  PAYMENT_DECLINED,
  PAYMENT_FAILED,
  PARTIALLY_REFUNDED,
  REFUNDED,
  /** A reviewer rejected the held order, or its hold expired: never charged. */
  REJECTED_BY_REVIEW
}
