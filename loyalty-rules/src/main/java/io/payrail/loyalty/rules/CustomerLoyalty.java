package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltyTier;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Instant;
import java.util.Map;

/**
 * A customer's loyalty state, as kept in loyalty-streams' balance store. A customer is a
 * merchant's: the same customerId at two merchants has two of these.
 *
 * @param merchantId the merchant the customer belongs to
 * @param customerId the merchant's id of the customer
 * @param points points available, never below zero; reserved points are not available
 * @param reservedPoints points reserved for orders whose payment has not ended: spent when it is
 *     captured, available again when it ends otherwise
 * @param pointsShortfall points refunds should have taken back but could not because the balance
 *     was already at zero; kept for support and reporting, not collected from later earnings
 * @param tier the tier for {@code tierSpendMinor}
 * @param lifetimeSpendMinor net captured spend per currency, in its minor units, never below zero
 * @param tierSpendMinor lifetime net spend in minor units of the reference currency
 * @param lastChange the event that produced this state
 * @param updatedAt event time of that event
 */
public record CustomerLoyalty(
    String merchantId,
    String customerId,
    long points,
    long reservedPoints,
    long pointsShortfall,
    LoyaltyTier tier,
    Map<String, Long> lifetimeSpendMinor,
    long tierSpendMinor,
    PointsChange lastChange,
    Instant updatedAt) {

  public CustomerLoyalty {
    lifetimeSpendMinor = Map.copyOf(lifetimeSpendMinor);
  }

  /** A customer the programme has not seen yet. */
  public static CustomerLoyalty newCustomer(CustomerKey customer) {
    return new CustomerLoyalty(
        customer.merchantId(),
        customer.customerId(),
        0,
        0,
        0,
        LoyaltyTier.BRONZE,
        Map.of(),
        0,
        null,
        null);
  }

  /** The customer's key: {@code merchantId/customerId}, as its balance store and topic key it. */
  public CustomerKey key() {
    return new CustomerKey(merchantId, customerId);
  }

  /** The balance as published on {@code loyalty-balances}. */
  public LoyaltyBalance toEvent() {
    return LoyaltyBalance.newBuilder()
        .setMerchantId(merchantId)
        .setCustomerId(customerId)
        .setPoints(points)
        .setReservedPoints(reservedPoints)
        .setTier(tier)
        .setLifetimeSpendMinor(Map.copyOf(lifetimeSpendMinor))
        .setTierSpendMinor(tierSpendMinor)
        .setLastChange(lastChange.toEvent())
        .setUpdatedAt(updatedAt)
        .build();
  }
}
