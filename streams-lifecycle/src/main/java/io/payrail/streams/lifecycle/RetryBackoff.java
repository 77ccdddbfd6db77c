package io.payrail.streams.lifecycle;

import java.time.Duration;

/**
 * How long to wait before reading again what failed because a dependency (the schema registry) was
 * away: {@code initial} after a first failure, doubled after each failure that follows the last
 * within {@code 2 × max}, never more than {@code max}. A quiet spell of {@code 2 × max} starts
 * over.
 *
 * @param initial the first wait
 * @param max the longest wait; keep it below the transaction timeout of an exactly-once application
 *     (Kafka Streams' default is 10 s), since the failed thread holds its open transaction while it
 *     waits
 */
public record RetryBackoff(Duration initial, Duration max) {

  public RetryBackoff {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the initial back-off must be positive");
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the longest back-off must be at least the initial one");
    }
  }

  /** The waits of a run of failures; not thread-safe, callers synchronize. */
  final class Waits {

    private long lastFailureNanos;
    private Duration last;

    /** The wait after a failure at {@code nowNanos} ({@link System#nanoTime()}). */
    Duration next(long nowNanos) {
      boolean quietSinceLast =
          last == null || nowNanos - lastFailureNanos > max.multipliedBy(2).toNanos();
      last = quietSinceLast ? initial : min(last.multipliedBy(2), max);
      lastFailureNanos = nowNanos;
      return last;
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  Waits waits() {
    return new Waits();
  }
}
