package io.payrail.launcher.pipeline;

import io.payrail.launcher.PayrailLauncher;
import io.payrail.schemas.keys.ApiKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** What a local run changes in each service's defaults: state under the data directory. */
final class ServiceOverrides {

  private static final int LOCAL_REQUESTS_PER_SECOND = 1_000_000;

  /** An empty management port unsets application.yml's one: actuator on the server port. */
  private static final String SAME_PORT_AS_SERVER = "";

  private static final int INTERNAL_SECRET_BYTES = 32;

  /** The development merchant, whose key the banner, demo and bench use. */
  private static final String DEVELOPMENT_MERCHANT =
      "dev-merchant:"
          + HexFormat.of().formatHex(ApiKeys.sha256(PayrailLauncher.DEVELOPMENT_API_KEY));

  /**
   * The facade's forwarding secret (payrail.ingest.internal.secret), random per JVM: a local run
   * has one facade instance, so nothing else needs to know it.
   */
  private static final String INTERNAL_SECRET = randomSecret();

  private ServiceOverrides() {}

  static Map<String, Object> forModule(String module, Path dataDir, int port) {
    String state = dataDir.resolve("streams").resolve(module).toString();
    return switch (module) {
      case "risk-streams", "loyalty-streams" -> Map.of("spring.kafka.streams.state-dir", state);
      // One development key drives demo and bench traffic (allowed here only): no per-key rate
      // limit locally. Actuator
      // on the facade's own port (no management port): five services share one JVM here, and
      // the run's health checks and banner use each service's one port.
      case "order-ingest" ->
          Map.of(
              "spring.kafka.streams.state-dir",
              state,
              "management.server.port",
              SAME_PORT_AS_SERVER,
              "payrail.ingest.internal.secret",
              INTERNAL_SECRET,
              "payrail.ingest.merchants",
              DEVELOPMENT_MERCHANT,
              "payrail.ingest.allow-development-key",
              true,
              "payrail.ingest.verification.simulated-provider",
              true,
              "payrail.ingest.limits.requests-per-second",
              LOCAL_REQUESTS_PER_SECOND,
              "payrail.ingest.limits.burst",
              LOCAL_REQUESTS_PER_SECOND);
      default -> Map.of();
    };
  }

  private static String randomSecret() {
    byte[] secret = new byte[INTERNAL_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
