package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.routing.InternalRequestAuth;
import io.payrail.routing.RequestForwarder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Payrail-* headers from a client are refused; a correctly signed forward is served. */
class InternalHeadersTest extends FacadeTestBase {

  private static final Duration SKEW = Duration.ofSeconds(30);

  @Test
  void clientSendingForwardedByIsRefusedWithAProblem() {
    String path = "/v1/orders/" + IngestTestSupport.uniqueId("forged");

    HttpResponse<String> answer = get(path, RequestForwarder.FORWARDED_HEADER, "localhost:" + port);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(answer.body()).contains("/problems/internal-header");
  }

  @Test
  void clientSendingCurrentReadIsRefused() {
    HttpResponse<String> answer =
        get("/v1/orders/" + IngestTestSupport.uniqueId("forged"), "Payrail-Current-Read", "true");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("/problems/internal-header");
  }

  @Test
  void forwardSignedWithAnotherSecretOrForAnotherPathIsRefused() {
    String path = "/v1/orders/" + IngestTestSupport.uniqueId("forged");
    InternalRequestAuth stranger =
        new InternalRequestAuth(
            "not-the-facades-secret-but-long-enough".getBytes(StandardCharsets.UTF_8),
            SKEW,
            Clock.systemUTC());

    assertThat(
            get(path, InternalRequestAuth.HEADER, stranger.sign("GET", path, null, "evil:1"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            get(
                    path,
                    InternalRequestAuth.HEADER,
                    facadeAuth().sign("GET", "/v1/other", null, "x:1"))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void correctlySignedForwardIsServed() {
    String path = "/v1/orders/" + IngestTestSupport.uniqueId("signed");

    HttpResponse<String> answer =
        send(
            request(path)
                .header(RequestForwarder.FORWARDED_HEADER, "peer:8080")
                .header(
                    InternalRequestAuth.HEADER, facadeAuth().sign("GET", path, null, "peer:8080"))
                .build());

    // Past the header check: the order is simply unknown.
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("/problems/not-found");
  }

  private static InternalRequestAuth facadeAuth() {
    return new InternalRequestAuth(
        IngestTestSupport.INTERNAL_SECRET.getBytes(StandardCharsets.UTF_8),
        SKEW,
        Clock.systemUTC());
  }

  private HttpResponse<String> get(String path, String header, String value) {
    return send(request(path).header(header, value).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + DEV_KEY)
        .GET();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return IngestTestSupport.send(request);
  }
}
