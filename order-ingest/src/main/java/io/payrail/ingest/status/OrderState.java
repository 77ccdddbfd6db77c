package io.payrail.ingest.status;

/** Where an order is in the pipeline, as the status view derives it from the four topics. */
public enum OrderState {
  RECEIVED,
  APPROVED,
  IN_REVIEW,
  DECLINED_BY_RISK,
  PAID,
  PAYMENT_DECLINED,
  PAYMENT_FAILED,
  PARTIALLY_REFUNDED,
  REFUNDED
}
