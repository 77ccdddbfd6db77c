package io.payrail.ingest.status;

/** Response headers of the status resource. */
public final class OrderStatusHeaders {

  /**
   * On a long-poll answer: {@code reached} when the awaited status was reached, {@code timeout}
   * when the wait ended first (the body then holds the current status).
   */
  public static final String WAIT_OUTCOME = "payrail-wait-outcome";

  private OrderStatusHeaders() {}
}
