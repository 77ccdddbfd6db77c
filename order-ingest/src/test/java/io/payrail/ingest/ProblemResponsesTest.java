package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.readAll;
import static io.payrail.ingest.IngestTestSupport.send;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every error is RFC 9457 problem+json with a stable type; card numbers never travel further. */
class ProblemResponsesTest extends FacadeTestBase {

  private static final String CARD = "4111111111111111";

  @Test
  void cardNumberIsRejectedAndNeverPublishedNorLogged() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    // Open up the loggers that could see a request, so "not logged" holds even at DEBUG.
    List<String> verbose = List.of("io.payrail", "org.springframework.web", "org.apache.catalina");
    Map<String, Level> before = new java.util.HashMap<>();
    verbose.forEach(
        name -> {
          Logger logger = (Logger) LoggerFactory.getLogger(name);
          before.put(name, logger.getLevel());
          logger.setLevel(Level.DEBUG);
        });
    List<HttpResponse<String>> answers = new ArrayList<>();
    try {
      String orderId = uniqueId("card");
      String inToken = orderJson(orderId).replace("tok_abc", CARD);
      String spaced = orderJson(orderId).replace("tok_abc", "4111 1111-1111 1111");
      String escaped = orderJson(orderId).replace("tok_abc", "\\u0034111111111111111");
      String asNumber = orderJson(orderId).replace("\"channel\":\"WEB\"", "\"channel\":" + CARD);
      for (String body : List.of(inToken, spaced, escaped, asNumber)) {
        answers.add(post(port, "/v1/orders", DEV_KEY, body));
      }
      answers.add(
          post(
              port,
              "/v1/orders/" + orderId + "/refunds",
              DEV_KEY,
              "{\"refundId\":\"r\",\"reason\":\"" + CARD + "\"}"));
    } finally {
      root.detachAppender(captured);
      before.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).isEqualTo(422);
              assertThat(answer.body())
                  .contains("https://payrail.io/problems/card-number-in-request")
                  .doesNotContain("4111");
            });
    assertThat(captured.list)
        .as("captured %d log lines", captured.list.size())
        .noneMatch(event -> mentionsCard(event));
    for (Topic<?, ?> topic : Topics.ALL) {
      for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
        assertThat(readAll(name))
            .as("records of %s", name)
            .noneMatch(
                record ->
                    record.value() != null
                        && new String(record.value(), StandardCharsets.ISO_8859_1)
                            .contains("4111"));
      }
    }
  }

  private static boolean mentionsCard(ILoggingEvent event) {
    if (event.getFormattedMessage().contains("4111")) {
      return true;
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("4111")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void malformedJsonIs400() {
    assertProblem(post(port, "/v1/orders", DEV_KEY, "{\"orderId\": "), 400, "malformed-json");
    assertProblem(post(port, "/v1/orders", DEV_KEY, "[1,2]"), 400, "malformed-json");
    assertProblem(post(port, "/v1/orders", DEV_KEY, "{\"a\":1,\"a\":2}"), 400, "malformed-json");
  }

  @Test
  void invalidFieldsAreAllListed() {
    String body =
        orderJson(uniqueId("invalid"))
            .replace("\"EUR\"", "\"EUX\"")
            .replace("\"shippingCountry\":\"DE\"", "\"shippingCountry\":\"XX\"")
            .replace("\"quantity\":2", "\"quantity\":0")
            .replace("\"channel\":\"WEB\"", "\"channel\":\"WEB\",\"coupon\":\"X\"");
    HttpResponse<String> answer = post(port, "/v1/orders", DEV_KEY, body);

    assertProblem(answer, 400, "validation-failed");
    assertThat(answer.body())
        .contains("\"field\":\"currency\"")
        .contains("\"field\":\"shippingCountry\"")
        .contains("\"field\":\"items[0].quantity\"")
        .contains("\"field\":\"coupon\"");
  }

  @Test
  void amountMustEqualTheItems() {
    HttpResponse<String> answer =
        post(port, "/v1/orders", DEV_KEY, orderJson(uniqueId("sum"), "c", 4000, 1));
    assertProblem(answer, 400, "validation-failed");
    assertThat(answer.body()).contains("\"field\":\"amountMinor\"");
  }

  @Test
  void wrongMediaTypeIs415() {
    HttpResponse<String> answer =
        send(
            request("/v1/orders")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(orderJson(uniqueId("media"))))
                .build());
    assertProblem(answer, 415, "unsupported-media-type");
  }

  @Test
  void bodyOver64KibIs413() {
    String huge = "{\"orderId\":\"" + "x".repeat(70 * 1024) + "\"}";
    assertProblem(post(port, "/v1/orders", DEV_KEY, huge), 413, "payload-too-large");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    assertProblem(send(request("/v1/nothing-here").GET().build()), 404, "not-found");
    assertProblem(send(request("/nothing").GET().build()), 404, "not-found");
    HttpResponse<String> delete = send(request("/v1/orders").DELETE().build());
    assertProblem(delete, 405, "method-not-allowed");
    assertThat(delete.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void invalidLongPollParametersAre400() {
    String orderId = uniqueId("params");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    assertProblem(
        send(request("/v1/orders/" + orderId + "?waitFor=SHIPPED").GET().build()),
        400,
        "validation-failed");
    assertProblem(
        send(request("/v1/orders/" + orderId + "?waitFor=PAID&timeout=31s").GET().build()),
        400,
        "validation-failed");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + DEV_KEY);
  }

  static void assertProblem(HttpResponse<String> answer, int status, String type) {
    assertThat(answer.statusCode()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
    assertThat(answer.body())
        .contains("\"type\":\"https://payrail.io/problems/" + type + "\"")
        .contains("\"status\":" + status);
  }
}
