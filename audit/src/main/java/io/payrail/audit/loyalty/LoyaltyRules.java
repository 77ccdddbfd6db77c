package io.payrail.audit.loyalty;

import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.LoyaltyProgramRules;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The loyalty programme the balances are recomputed with: loyalty-streams' {@code
 * payrail.loyalty.program.*} settings, read from the same environment variables with the same
 * defaults as its application.yml (loyalty-streams' {@code AuditProgramDefaultsTest} checks that
 * these defaults are the ones it ships), so the audit recomputes with what the service runs.
 */
public final class LoyaltyRules {

  private static final String PREFIX = "PAYRAIL_LOYALTY_";

  /** Relaxed-binding spelling of further rates: {@code ..._REFERENCERATEMICROS_CHF=1050000}. */
  private static final String RATE_PROPERTY_PREFIX = "PAYRAIL_LOYALTY_PROGRAM_REFERENCERATEMICROS_";

  /** The currencies loyalty-streams' application.yml names a rate variable for. */
  private static final String[] NAMED_RATES = {"USD", "GBP", "JPY", "BHD"};

  private LoyaltyRules() {}

  /** loyalty-streams' application.yml defaults. */
  public static LoyaltyProgramRules defaults() {
    return fromEnvironment(Map.of());
  }

  /** loyalty-streams' defaults, overridden by the same variables as the service reads. */
  public static LoyaltyProgramRules fromEnvironment(Map<String, String> environment) {
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
    return new LoyaltyProgramRules(
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
