package io.payrail.risk.topology;

import java.time.Duration;

/**
 * The topology's own knobs, apart from the rules.
 *
 * @param dedupRetention how long (event time) an order (merchantId/orderId) is remembered to drop
 *     repeats
 * @param lateOrderGrace how long past the longest feature window an order may arrive late and still
 *     change the customer's windows
 */
public record RiskTopologySettings(Duration dedupRetention, Duration lateOrderGrace) {

  public RiskTopologySettings {
    if (dedupRetention == null || dedupRetention.isNegative() || dedupRetention.isZero()) {
      throw new IllegalArgumentException("dedup retention must be positive");
    }
    if (lateOrderGrace == null || lateOrderGrace.isNegative()) {
      throw new IllegalArgumentException("late-order grace must not be negative");
    }
  }
}
