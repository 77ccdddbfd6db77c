package io.payrail.launcher.chaos;

import java.time.Duration;

/**
 * How long a processor's work stood still after one of its two instances was killed with SIGKILL
 * and not restarted: the work of the round placed around the kill (from {@link #BEFORE} before it
 * to {@link #AFTER} after it), and when each piece of it was answered. The dead instance's
 * partitions move again once the group has noticed (session timeout) and the broker has aborted its
 * open transaction (transaction timeout); every piece placed around the kill is then answered.
 *
 * @param instance the instance killed
 * @param flow what was measured: which work, answered by what
 * @param placed pieces of work placed around the kill
 * @param answered of those, the ones answered
 * @param recovery from the kill until the last of them was answered
 * @param maxDelay the longest any of them waited from being placed to being answered
 */
public record Failover(
    String instance, Flow flow, int placed, int answered, Duration recovery, Duration maxDelay) {

  /** Work placed this long before the kill counts as placed around it. */
  static final Duration BEFORE = Duration.ofSeconds(3);

  /** Work placed up to this long after the kill counts as placed around it. */
  static final Duration AFTER = Duration.ofSeconds(2);

  /** Which of the load's work tells that a processor moves again. */
  public enum Flow {
    /** Orders sent, answered by their PaymentProcessed (risk scores them, payment charges them). */
    ORDERS_PAID("orders placed", "PaymentProcessed"),
    /** Refund requests sent, answered by their RefundProcessed. */
    REFUNDS_ANSWERED("refund requests", "RefundProcessed"),
    /** Captures seen, answered by the customer's LoyaltyBalance for that order. */
    CAPTURES_CREDITED("captures", "LoyaltyBalance");

    private final String work;
    private final String answer;

    Flow(String work, String answer) {
      this.work = work;
      this.answer = answer;
    }
  }

  public boolean complete() {
    return placed > 0 && answered == placed;
  }

  @Override
  public String toString() {
    String counts =
        "%d %s around the kill, %d with their %s"
            .formatted(placed, flow.work, answered, flow.answer);
    if (!complete()) {
      return instance + ": " + counts;
    }
    return "%s: moved again %.1f s after the kill (%s; the longest waited %.1f s)"
        .formatted(instance, recovery.toMillis() / 1000.0, counts, maxDelay.toMillis() / 1000.0);
  }
}
