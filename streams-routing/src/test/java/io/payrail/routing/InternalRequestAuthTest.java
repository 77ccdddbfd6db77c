package io.payrail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InternalRequestAuthTest {

  private static final byte[] SECRET =
      "a-shared-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final InternalRequestAuth auth = new InternalRequestAuth(SECRET, SKEW, CLOCK);

  @Test
  void signedRequestVerifiesAndNamesItsSender() {
    String header = auth.sign("GET", "/v1/orders/o-1", "waitFor=PAID", "ingest-0:8080");

    assertThat(auth.verify("GET", "/v1/orders/o-1", "waitFor=PAID", header))
        .contains("ingest-0:8080");
  }

  @Test
  void signatureForAnotherPathQueryOrMethodIsRefused() {
    String header = auth.sign("GET", "/v1/orders/o-1", null, "ingest-0:8080");

    assertThat(auth.verify("GET", "/v1/orders/o-2", null, header)).isEmpty();
    assertThat(auth.verify("GET", "/v1/orders/o-1", "waitFor=PAID", header)).isEmpty();
    assertThat(auth.verify("POST", "/v1/orders/o-1", null, header)).isEmpty();
  }

  @Test
  void signatureWithAnotherSecretIsRefused() {
    InternalRequestAuth other =
        new InternalRequestAuth(
            "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), SKEW, CLOCK);

    assertThat(auth.verify("GET", "/p", null, other.sign("GET", "/p", null, "x:1"))).isEmpty();
  }

  @Test
  void signatureOutsideTheSkewIsRefused() {
    InternalRequestAuth past =
        new InternalRequestAuth(
            SECRET, SKEW, Clock.fixed(NOW.minus(SKEW).minusSeconds(1), ZoneOffset.UTC));

    assertThat(auth.verify("GET", "/p", null, past.sign("GET", "/p", null, "x:1"))).isEmpty();
  }

  @Test
  void alteredSenderOrMalformedHeaderIsRefused() {
    String header = auth.sign("GET", "/p", null, "x:1");

    assertThat(auth.verify("GET", "/p", null, header.replace("from=x:1", "from=y:1"))).isEmpty();
    assertThat(auth.verify("GET", "/p", null, "v1 ts=1 from=x:1")).isEmpty();
    assertThat(auth.verify("GET", "/p", null, "anything")).isEmpty();
    assertThat(auth.verify("GET", "/p", null, null)).isEmpty();
  }

  @Test
  void shortSecretIsRejected() {
    assertThatThrownBy(
            () -> new InternalRequestAuth("short".getBytes(StandardCharsets.UTF_8), SKEW, CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
