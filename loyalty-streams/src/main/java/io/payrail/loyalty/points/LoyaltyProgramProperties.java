package io.payrail.loyalty.points;

import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.LoyaltyProgramRules;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The loyalty programme, bound from {@code payrail.loyalty.program.*}; defaults and environment
 * variables in application.yml, explained in the module README. The rules themselves (and their
 * checks) are {@link LoyaltyProgramRules} of the {@code loyalty-rules} module.
 *
 * @param pointsPerMajorUnit see {@link LoyaltyProgramRules}
 * @param referenceCurrency see {@link LoyaltyProgramRules}
 * @param tierThresholdsMinor see {@link LoyaltyProgramRules}
 * @param tierMultipliersPercent see {@link LoyaltyProgramRules}
 * @param referenceRateMicros see {@link LoyaltyProgramRules}
 * @param orderRetention how long per-order state (points earned, refunds and payments seen) is
 *     kept, in event time: refunds and repeats must arrive within it
 */
@ConfigurationProperties("payrail.loyalty.program")
public record LoyaltyProgramProperties(
    long pointsPerMajorUnit,
    String referenceCurrency,
    Map<LoyaltyTier, Long> tierThresholdsMinor,
    Map<LoyaltyTier, Long> tierMultipliersPercent,
    Map<String, Long> referenceRateMicros,
    Duration orderRetention) {

  public LoyaltyProgramProperties {
    if (orderRetention == null || orderRetention.isNegative() || orderRetention.isZero()) {
      throw new IllegalArgumentException("order-retention must be positive");
    }
  }

  /** The programme's rules; also checks them, which binding does once at start-up. */
  public LoyaltyProgramRules rules() {
    return new LoyaltyProgramRules(
        pointsPerMajorUnit,
        referenceCurrency,
        tierThresholdsMinor,
        tierMultipliersPercent,
        referenceRateMicros);
  }
}
