package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltyTier;
import java.util.Map;

/**
 * The programme's arithmetic: points for an amount, a tier for a spend, several currencies summed
 * into one tier spend. Integers only; every rounding goes down (in the programme's favour, and the
 * same way on earning and taking back).
 */
public final class LoyaltyProgram {

  private static final long PERCENT = 100;
  private static final long MICROS = 1_000_000;

  private final LoyaltyProgramRules properties;

  public LoyaltyProgram(LoyaltyProgramRules properties) {
    this.properties = properties;
  }

  /** Points a capture earns at the customer's tier: whole major units × rate × tier multiplier. */
  public long pointsEarned(long amountMinor, String currency, LoyaltyTier tier) {
    long base = basePoints(amountMinor, currency);
    return Math.multiplyExact(base, properties.tierMultipliersPercent().get(tier)) / PERCENT;
  }

  /** Points for an amount without any tier multiplier. */
  public long basePoints(long amountMinor, String currency) {
    long wholeUnits = amountMinor / MinorUnits.perMajorUnit(currency);
    return Math.multiplyExact(wholeUnits, properties.pointsPerMajorUnit());
  }

  /**
   * The lifetime spend the tier thresholds compare: each currency's net spend converted to the
   * reference currency at its fixed configured rate, then summed. A currency without a rate does
   * not count (yet): it starts counting with the customer's next change once a rate is configured.
   */
  public long tierSpendMinor(Map<String, Long> lifetimeSpendMinor) {
    long total = 0;
    for (Map.Entry<String, Long> spend : lifetimeSpendMinor.entrySet()) {
      total = Math.addExact(total, toReferenceMinor(spend.getValue(), spend.getKey()));
    }
    return total;
  }

  /** The highest tier whose threshold the spend reaches. */
  public LoyaltyTier tierFor(long tierSpendMinor) {
    LoyaltyTier reached = LoyaltyTier.BRONZE;
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      if (tierSpendMinor >= properties.tierThresholdsMinor().get(tier)) {
        reached = tier;
      }
    }
    return reached;
  }

  /** Whether the currency counts towards the tier (it is the reference or has a rate). */
  public boolean countsTowardsTier(String currency) {
    return currency.equals(properties.referenceCurrency())
        || properties.referenceRateMicros().containsKey(currency);
  }

  public String referenceCurrency() {
    return properties.referenceCurrency();
  }

  private long toReferenceMinor(long amountMinor, String currency) {
    if (currency.equals(properties.referenceCurrency())) {
      return amountMinor;
    }
    Long rateMicros = properties.referenceRateMicros().get(currency);
    if (rateMicros == null) {
      return 0;
    }
    long sourceUnit = MinorUnits.perMajorUnit(currency);
    long referenceUnit = MinorUnits.perMajorUnit(properties.referenceCurrency());
    // Whole major units and the remainder apart, so that large lifetimes stay far from overflow.
    long whole = amountMinor / sourceUnit;
    long remainder = amountMinor % sourceUnit;
    long fromWhole =
        Math.multiplyExact(Math.multiplyExact(whole, rateMicros), referenceUnit) / MICROS;
    long fromRemainder =
        Math.multiplyExact(Math.multiplyExact(remainder, rateMicros), referenceUnit)
            / Math.multiplyExact(MICROS, sourceUnit);
    return Math.addExact(fromWhole, fromRemainder);
  }
}
