package io.payrail.ingest.status;

/** Response headers of the status resource. */
public final class OrderStatusHeaders {

  /**
   * On a long-poll answer: {@code reached} when the awaited status was reached, {@code timeout}
   * when the wait ended first (the body then holds the current status).
   */
  public static final String WAIT_OUTCOME = "payrail-wait-outcome";

  /**
   * On a request one instance forwards to another ({@code true}): read the view as it is now,
   * without catching up with the orders topic first. The POST idempotency check asks for this; a
   * client's own GET never does (the header counts only on a forwarded request).
   */
  public static final String CURRENT_READ = "payrail-current-read";

  private OrderStatusHeaders() {}
}
