package io.payrail.ingest.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer verification at the facade, bound from {@code payrail.ingest.verification.*}; defaults
 * in application.yml.
 *
 * @param simulatedProvider answer the documented test references ({@link
 *     SimulatedVerificationProvider}) for local runs, demos and tests; never on in production,
 *     where the merchant relays its provider's result
 * @param simulatedValidity how long a verification of the simulated provider stays valid
 */
@ConfigurationProperties("payrail.ingest.verification")
public record VerificationProperties(boolean simulatedProvider, Duration simulatedValidity) {

  public VerificationProperties {
    if (simulatedValidity == null || simulatedValidity.isNegative() || simulatedValidity.isZero()) {
      throw new IllegalArgumentException(
          "payrail.ingest.verification.simulated-validity must be positive");
    }
  }
}
