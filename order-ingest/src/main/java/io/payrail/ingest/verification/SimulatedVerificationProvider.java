package io.payrail.ingest.verification;

import io.payrail.events.VerificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A verification provider for local runs, demos and tests, like the simulated acquirer's test
 * tokens: the provider reference says what it answers (order-ingest README, "Customer
 * verification"). A real provider is asked by the merchant, which relays the result.
 */
public final class SimulatedVerificationProvider {

  public static final String VERIFIED = "vrf_test_verified";
  public static final String REJECTED = "vrf_test_rejected";
  public static final String PENDING = "vrf_test_pending";
  public static final String EXPIRED = "vrf_test_expired";

  /** Every test reference, for messages and documentation. */
  public static final List<String> TEST_REFERENCES = List.of(VERIFIED, REJECTED, PENDING, EXPIRED);

  private static final String LEVEL = "basic";

  private final Clock clock;
  private final Duration validity;

  public SimulatedVerificationProvider(Clock clock, Duration validity) {
    this.clock = clock;
    this.validity = validity;
  }

  /** The result of the case {@code reference}, or empty for a reference it does not know. */
  public Optional<ProviderResult> lookUp(String reference) {
    Instant now = clock.instant();
    return Optional.ofNullable(
        switch (reference) {
          case VERIFIED ->
              new ProviderResult(VerificationStatus.VERIFIED, LEVEL, now, now.plus(validity));
          case REJECTED -> new ProviderResult(VerificationStatus.REJECTED, LEVEL, null, null);
          case PENDING -> new ProviderResult(VerificationStatus.PENDING, null, null, null);
          case EXPIRED ->
              new ProviderResult(VerificationStatus.EXPIRED, LEVEL, now.minus(validity), now);
          default -> null;
        });
  }
}
