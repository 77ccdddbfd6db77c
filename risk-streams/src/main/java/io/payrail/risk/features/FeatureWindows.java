package io.payrail.risk.features;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The event-time windows the features are computed over, and how the usual amount is smoothed. They
 * come from the rules, so that a rule and its feature cannot disagree.
 */
public record FeatureWindows(
    Duration burstVelocity,
    Duration hourlyVelocity,
    Duration spend,
    Duration tokens,
    int usualAmountSmoothingOrders) {

  /** How far back the per-customer order log must reach. */
  public Duration lookback() {
    return Stream.of(burstVelocity, hourlyVelocity, spend, tokens)
        .max(Duration::compareTo)
        .orElseThrow();
  }
}
