package io.payrail.audit.loyalty;

import io.payrail.events.LoyaltyTier;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The loyalty programme the balances are recomputed with: loyalty-streams' {@code
 * payrail.loyalty.program.*} settings, with the same defaults and environment variables, so the
 * audit recomputes with what the service was started with.
 *
 * @param pointsPerMajorUnit points per whole major unit of any currency, before the multiplier
 * @param referenceCurrency the currency tier thresholds are in
 * @param tierThresholdsMinor net spend, in reference minor units, from which each tier starts
 * @param tierMultipliersPercent percent of the base points each tier earns
 * @param referenceRateMicros one major unit of a currency in reference major units, in millionths
 */
public record LoyaltyRules(
    long pointsPerMajorUnit,
    String referenceCurrency,
    Map<LoyaltyTier, Long> tierThresholdsMinor,
    Map<LoyaltyTier, Long> tierMultipliersPercent,
    Map<String, Long> referenceRateMicros) {

  private static final String PREFIX = "PAYRAIL_LOYALTY_";

  /** Relaxed-binding spelling of further rates: {@code ..._REFERENCERATEMICROS_CHF=1050000}. */
  private static final String RATE_PROPERTY_PREFIX = "PAYRAIL_LOYALTY_PROGRAM_REFERENCERATEMICROS_";

  /** The currencies loyalty-streams' application.yml names a rate variable for. */
  private static final String[] NAMED_RATES = {"USD", "GBP", "JPY", "BHD"};

  public LoyaltyRules {
    tierThresholdsMinor = Map.copyOf(tierThresholdsMinor);
    tierMultipliersPercent = Map.copyOf(tierMultipliersPercent);
    referenceRateMicros = Map.copyOf(referenceRateMicros);
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      if (!tierMultipliersPercent.containsKey(tier)) {
        throw new IllegalArgumentException("no multiplier for tier " + tier);
      }
    }
  }

  /** loyalty-streams' application.yml defaults. */
  public static LoyaltyRules defaults() {
    return fromEnvironment(Map.of());
  }

  /** loyalty-streams' defaults, overridden by the same variables as the service reads. */
  public static LoyaltyRules fromEnvironment(Map<String, String> environment) {
    Map<LoyaltyTier, Long> thresholds = new EnumMap<>(LoyaltyTier.class);
    thresholds.put(LoyaltyTier.SILVER, number(environment, PREFIX + "SILVER_FROM_MINOR", 100_000));
    thresholds.put(LoyaltyTier.GOLD, number(environment, PREFIX + "GOLD_FROM_MINOR", 500_000));
    thresholds.put(
        LoyaltyTier.PLATINUM, number(environment, PREFIX + "PLATINUM_FROM_MINOR", 2_000_000));
    Map<LoyaltyTier, Long> multipliers = new EnumMap<>(LoyaltyTier.class);
    multipliers.put(
        LoyaltyTier.BRONZE, number(environment, PREFIX + "BRONZE_MULTIPLIER_PERCENT", 100));
    multipliers.put(
        LoyaltyTier.SILVER, number(environment, PREFIX + "SILVER_MULTIPLIER_PERCENT", 125));
    multipliers.put(LoyaltyTier.GOLD, number(environment, PREFIX + "GOLD_MULTIPLIER_PERCENT", 150));
    multipliers.put(
        LoyaltyTier.PLATINUM, number(environment, PREFIX + "PLATINUM_MULTIPLIER_PERCENT", 200));
    Map<String, Long> rates = new HashMap<>();
    rates.put("USD", 920_000L);
    rates.put("GBP", 1_170_000L);
    rates.put("JPY", 6_100L);
    rates.put("BHD", 2_440_000L);
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(RATE_PROPERTY_PREFIX)) {
            rates.put(
                name.substring(RATE_PROPERTY_PREFIX.length()).toUpperCase(Locale.ROOT),
                Long.parseLong(value.trim()));
          }
        });
    for (String currency : NAMED_RATES) {
      String variable = PREFIX + "RATE_" + currency + "_MICROS";
      if (environment.containsKey(variable)) {
        rates.put(currency, Long.parseLong(environment.get(variable).trim()));
      }
    }
    return new LoyaltyRules(
        number(environment, PREFIX + "POINTS_PER_MAJOR_UNIT", 1),
        environment.getOrDefault(PREFIX + "REFERENCE_CURRENCY", "EUR"),
        thresholds,
        multipliers,
        rates);
  }

  private static long number(Map<String, String> environment, String name, long fallback) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
  }
}
