package io.payrail.ingest.limit;

import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * One facade with small limits, so that they can be reached: per-key request rate and long-polls
 * (429 for that key only), and a body that trickles in (408, and the thread is free again).
 */
class FacadeExhaustionTest {

  private static final String RATE_KEY = "pk_test_limits_rate";
  private static final String CALM_KEY = "pk_test_limits_calm";
  private static final String POLL_KEY = "pk_test_limits_poll";
  private static final int REQUEST_THREADS = 4;

  private static ConfigurableApplicationContext facade;
  private static int port;

  @BeforeAll
  static void startALimitedFacade() {
    port = IngestTestSupport.freePort();
    String merchants =
        Stream.of(RATE_KEY, CALM_KEY, POLL_KEY)
            .map(key -> key.replace("pk_test_", "m-") + ":" + hash(key))
            .collect(Collectors.joining(","));
    facade =
        IngestTestSupport.startFacade(
            IngestTestSupport.uniqueId("status-limits"),
            port,
            Map.of(
                "payrail.ingest.merchants",
                merchants,
                "payrail.ingest.limits.requests-per-second",
                2,
                "payrail.ingest.limits.burst",
                10,
                "payrail.ingest.limits.long-polls-per-key",
                1,
                "payrail.ingest.request.body-read-timeout",
                "1s",
                "server.tomcat.connection-timeout",
                "2s",
                "server.tomcat.threads.max",
                REQUEST_THREADS));
    IngestTestSupport.awaitRunning(facade.getBean(StreamsBuilderFactoryBean.class));
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.close();
    }
  }

  @Test
  void aKeyOverItsRateGets429WithRetryAfterWhileAnotherKeyIsServed() {
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      answers.add(get(port, "/v1/orders/no-such-order", RATE_KEY));
    }
    HttpResponse<String> calm = get(port, "/v1/orders/no-such-order", CALM_KEY);
    HttpResponse<String> calmOrder =
        post(port, "/v1/orders", CALM_KEY, orderJson(IngestTestSupport.uniqueId("calm")));

    List<HttpResponse<String>> limited =
        answers.stream().filter(answer -> answer.statusCode() == 429).toList();
    assertThat(limited).isNotEmpty();
    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(404, 429));
    assertThat(limited)
        .allSatisfy(
            answer -> {
              assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                  .startsWith("application/problem+json");
              assertThat(answer.body()).contains("https://payrail.io/problems/too-many-requests");
              assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow()))
                  .isBetween(1L, 60L);
            });
    assertThat(calm.statusCode()).isEqualTo(404);
    assertThat(calmOrder.statusCode()).isEqualTo(202);
  }

  @Test
  void aKeyHasAtMostItsLongPollsWaitingAndAnotherKeyStillWaits() {
    String orderId = IngestTestSupport.uniqueId("long-poll");
    assertThat(post(port, "/v1/orders", POLL_KEY, orderJson(orderId)).statusCode()).isEqualTo(202);
    String calmOrderId = IngestTestSupport.uniqueId("long-poll-calm");
    assertThat(post(port, "/v1/orders", CALM_KEY, orderJson(calmOrderId)).statusCode())
        .isEqualTo(202);
    // Nothing pays these orders here: a wait for PAID lasts its whole timeout.
    CompletableFuture<HttpResponse<String>> waiting =
        HttpClient.newHttpClient()
            .sendAsync(longPoll(orderId, POLL_KEY, "5s"), HttpResponse.BodyHandlers.ofString());

    await()
        .atMost(Duration.ofSeconds(4))
        .untilAsserted(
            () -> {
              HttpResponse<String> second =
                  IngestTestSupport.send(longPoll(orderId, POLL_KEY, "100ms"));
              assertThat(second.statusCode()).isEqualTo(429);
              assertThat(second.body()).contains("long-polls");
              assertThat(second.headers().firstValue("Retry-After")).contains("1");
            });
    HttpResponse<String> other = IngestTestSupport.send(longPoll(calmOrderId, CALM_KEY, "100ms"));

    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Payrail-Wait-Outcome")).contains("timeout");
    assertThat(waiting.join().statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesThatTrickleInAreCutOffAndTheirThreadsServeOthers() throws Exception {
    ScheduledExecutorService slowClients = Executors.newScheduledThreadPool(1);
    List<Socket> sockets = new ArrayList<>();
    try {
      // More slow senders than request threads: without a body deadline they would hold all.
      for (int i = 0; i < REQUEST_THREADS + 2; i++) {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + CALM_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(socket);
        slowClients.scheduleAtFixedRate(() -> trickle(out), 100, 100, TimeUnit.MILLISECONDS);
      }

      for (Socket socket : sockets) {
        String answer = readUntilClosed(socket.getInputStream());
        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).contains("https://payrail.io/problems/request-timeout");
      }
      HttpResponse<String> afterwards =
          post(port, "/v1/orders", CALM_KEY, orderJson(IngestTestSupport.uniqueId("after-slow")));
      assertThat(afterwards.statusCode()).isEqualTo(202);
    } finally {
      slowClients.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private HttpRequest longPoll(String orderId, String key, String timeout) {
    return HttpRequest.newBuilder(
            URI.create(
                "http://localhost:"
                    + port
                    + "/v1/orders/"
                    + orderId
                    + "?waitFor=PAID&timeout="
                    + timeout))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + key)
        .GET()
        .build();
  }

  /** One more byte of a body that never ends in time; stops once the server hung up. */
  private static void trickle(OutputStream out) {
    try {
      out.write(' ');
      out.flush();
    } catch (IOException closedByTheServer) {
      throw new UncheckedIOException(closedByTheServer); // ends this schedule, nothing else
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    in.transferTo(answer);
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static String hash(String key) {
    return HexFormat.of().formatHex(ApiKeys.sha256(key));
  }
}
