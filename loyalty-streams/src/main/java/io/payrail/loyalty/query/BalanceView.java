package io.payrail.loyalty.query;

import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON answer of {@code GET /v1/customers/{customerId}/loyalty}.
 *
 * @param customerId the customer
 * @param points points available, never below zero; reserved points are not available
 * @param reservedPoints points reserved for orders whose payment has not ended
 * @param pointsShortfall points refunds could not take back because the balance was at zero
 * @param tier membership tier
 * @param lifetimeSpendMinor net captured spend per currency, in that currency's minor units
 * @param tierSpendMinor lifetime net spend in minor units of {@code tierCurrency}
 * @param tierCurrency the reference currency the tier thresholds are in
 * @param lastChange the event behind the current balance
 * @param updatedAt event time of that change
 */
public record BalanceView(
    String customerId,
    long points,
    long reservedPoints,
    long pointsShortfall,
    LoyaltyTier tier,
    Map<String, Long> lifetimeSpendMinor,
    long tierSpendMinor,
    String tierCurrency,
    PointsChange lastChange,
    Instant updatedAt) {

  static BalanceView of(CustomerLoyalty balance, String tierCurrency) {
    return new BalanceView(
        balance.customerId(),
        balance.points(),
        balance.reservedPoints(),
        balance.pointsShortfall(),
        balance.tier(),
        balance.lifetimeSpendMinor(),
        balance.tierSpendMinor(),
        tierCurrency,
        balance.lastChange(),
        balance.updatedAt());
  }
}
