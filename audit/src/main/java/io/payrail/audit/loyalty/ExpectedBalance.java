package io.payrail.audit.loyalty;

import io.payrail.events.LoyaltyTier;
import java.util.Map;

/**
 * A customer's balance as recomputed from their captures and completed refunds.
 *
 * @param customerId the customer
 * @param points points in event-time order of the events
 * @param minPoints the fewest points any application order of the same events could give
 * @param maxPoints the most points any application order of the same events could give
 * @param tier the tier of the net spend
 * @param lifetimeSpendMinor net spend per currency (no zero entries)
 * @param tierSpendMinor net spend in reference minor units
 * @param lastOrderId the order of the latest event applied, null when none
 */
public record ExpectedBalance(
    String customerId,
    long points,
    long minPoints,
    long maxPoints,
    LoyaltyTier tier,
    Map<String, Long> lifetimeSpendMinor,
    long tierSpendMinor,
    String lastOrderId) {

  public ExpectedBalance {
    lifetimeSpendMinor = Map.copyOf(lifetimeSpendMinor);
  }

  /** Whether the points depend on the order loyalty-streams happened to apply the events in. */
  public boolean orderDependent() {
    return minPoints != maxPoints;
  }
}
