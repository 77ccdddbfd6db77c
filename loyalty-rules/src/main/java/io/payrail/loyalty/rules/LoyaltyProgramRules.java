package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltyTier;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loyalty programme's parameters, checked: what loyalty-streams runs with ({@code
 * payrail.loyalty.program.*}) and what the audit recomputes balances with.
 *
 * @param pointsPerMajorUnit points earned per whole major unit of any currency (1.00 EUR, 1 JPY,
 *     1.000 BHD), before the tier multiplier
 * @param referenceCurrency ISO-4217 code the tier thresholds are expressed in
 * @param tierThresholdsMinor lifetime net spend, in minor units of the reference currency, from
 *     which SILVER, GOLD and PLATINUM start (BRONZE starts at zero)
 * @param tierMultipliersPercent earning multiplier per tier in percent (100 = 1x), for every tier
 * @param referenceRateMicros what one major unit of a currency is worth in major units of the
 *     reference currency, in millionths (USD 920000 = 0.92 EUR); integers so that no floating point
 *     touches money. The reference currency itself needs no entry.
 */
public record LoyaltyProgramRules(
    long pointsPerMajorUnit,
    String referenceCurrency,
    Map<LoyaltyTier, Long> tierThresholdsMinor,
    Map<LoyaltyTier, Long> tierMultipliersPercent,
    Map<String, Long> referenceRateMicros) {

  public LoyaltyProgramRules {
    if (pointsPerMajorUnit < 0) {
      throw new IllegalArgumentException("points-per-major-unit must not be negative");
    }
    referenceCurrency = Currency.getInstance(referenceCurrency).getCurrencyCode();
    tierThresholdsMinor = new EnumMap<>(tierThresholdsMinor);
    tierThresholdsMinor.putIfAbsent(LoyaltyTier.BRONZE, 0L);
    long previous = -1;
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      Long threshold = tierThresholdsMinor.get(tier);
      if (threshold == null || threshold < 0 || threshold < previous) {
        throw new IllegalArgumentException(
            "tier-thresholds-minor needs a non-negative, non-decreasing threshold for " + tier);
      }
      previous = threshold;
    }
    tierMultipliersPercent = new EnumMap<>(tierMultipliersPercent);
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      Long multiplier = tierMultipliersPercent.get(tier);
      if (multiplier == null || multiplier < 0) {
        throw new IllegalArgumentException(
            "tier-multipliers-percent needs a non-negative multiplier for " + tier);
      }
    }
    // Environment variables bind map keys in lower case; currency codes are upper case.
    Map<String, Long> rates = new TreeMap<>();
    (referenceRateMicros == null ? Map.<String, Long>of() : referenceRateMicros)
        .forEach(
            (currency, rate) -> {
              String code =
                  Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
              if (rate == null || rate <= 0) {
                throw new IllegalArgumentException(
                    "reference-rate-micros." + code + " must be > 0");
              }
              rates.put(code, rate);
            });
    referenceRateMicros = Map.copyOf(rates);
    tierThresholdsMinor = Map.copyOf(tierThresholdsMinor);
    tierMultipliersPercent = Map.copyOf(tierMultipliersPercent);
  }

  /**
   * The same programme with one multiplier for every tier: what a capture earns if it is applied at
   * that multiplier whatever the customer's tier (the audit's bounds on the order of events).
   */
  public LoyaltyProgramRules withEveryTierAt(long multiplierPercent) {
    Map<LoyaltyTier, Long> flat = new EnumMap<>(LoyaltyTier.class);
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      flat.put(tier, multiplierPercent);
    }
    return new LoyaltyProgramRules(
        pointsPerMajorUnit, referenceCurrency, tierThresholdsMinor, flat, referenceRateMicros);
  }
}
