package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: whatever a client sends (body, headers, path, query), the facade never answers 5xx and
 * every error is problem+json. Generated from a seeded {@link Random} ({@code -Dpayrail.fuzz.seed}
 * reproduces a run; the seed is in every test's name). jqwik is not used, see the README.
 */
class HostileRequestsTest extends FacadeTestBase {

  private static final int CASES = 150;
  private static final long SEED = Long.getLong("payrail.fuzz.seed", System.nanoTime());

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=UTF-8",
          "application/json; charset=ISO-8859-1",
          "text/plain",
          "application/xml",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/problem+json",
          "*/*",
          "garbage");
  private static final List<String> ACCEPTS =
      List.of("application/json", "text/html", "*/*", "application/xml", "image/png", "x/y");
  private static final List<String> AUTHORIZATIONS =
      List.of(
          "Bearer " + DEV_KEY,
          "Bearer " + DEV_KEY,
          "Bearer " + DEV_KEY,
          "Bearer",
          "Bearer  ",
          "Basic dXNlcjpwYXNz",
          "Bearer pk_wrong",
          "bearer " + DEV_KEY,
          "Bearer " + "k".repeat(4000));
  private static final List<String> PATH_SEGMENTS =
      List.of(
          "ok-1",
          "a%20b",
          "%00",
          "%2F",
          "%5C",
          "..",
          "%2e%2e",
          ";jsessionid=1",
          "%C3%A9",
          "%FF",
          "x".repeat(300),
          "%25",
          "4111111111111111",
          "a:b.c-d_e");
  private static final List<String> QUERIES =
      List.of(
          "",
          "?waitFor=PAID&timeout=1ms",
          "?waitFor=NOPE",
          "?timeout=5s",
          "?waitFor=PAID&timeout=99999999999s",
          "?waitFor=&timeout=",
          "?waitFor=PAID&waitFor=REFUNDED&timeout=1ms",
          "?waitFor=%00");
  private static final List<String> JSON_VALUES =
      List.of(
          "null",
          "true",
          "-1",
          "0",
          "1.5",
          "1e400",
          "99999999999999999999999",
          "\"\"",
          "\"EUR\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "[]",
          "{}",
          "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
          "\"" + "y".repeat(500) + "\"");

  @TestFactory
  Stream<DynamicTest> noRequestYieldsA5xxAndEveryErrorIsProblemJson() {
    Random random = new Random(SEED);
    return IntStream.range(0, CASES)
        .mapToObj(
            i -> {
              HttpRequest request = generate(random, i);
              return DynamicTest.dynamicTest(
                  "seed " + SEED + " #" + i + " " + request.method() + " " + request.uri(),
                  () -> check(request));
            });
  }

  private void check(HttpRequest request) {
    HttpResponse<String> answer = IngestTestSupport.send(request);
    String described =
        "seed "
            + SEED
            + ": "
            + request.method()
            + " "
            + request.uri()
            + " "
            + request.headers().map();
    assertThat(answer.statusCode()).as("status of %s", described).isLessThan(500);
    if (answer.statusCode() >= 400) {
      assertThat(answer.headers().firstValue("Content-Type").orElse("none"))
          .as("content type of %d for %s", answer.statusCode(), described)
          .startsWith("application/problem+json");
      assertThat(answer.body()).contains("\"type\":\"https://payrail.io/problems/");
    }
  }

  private HttpRequest generate(Random random, int index) {
    String orderId = "fuzz-" + SEED + "-" + index;
    String path =
        switch (random.nextInt(5)) {
          case 0 -> "/v1/orders";
          case 1 -> "/v1/orders/" + pick(random, PATH_SEGMENTS) + pick(random, QUERIES);
          case 2 -> "/v1/orders/" + pick(random, PATH_SEGMENTS) + "/refunds";
          case 3 -> "/v1/" + pick(random, PATH_SEGMENTS) + "/" + pick(random, PATH_SEGMENTS);
          default -> "/" + pick(random, PATH_SEGMENTS);
        };
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (random.nextInt(10) > 0) {
      builder.header("Authorization", pick(random, AUTHORIZATIONS));
    }
    if (random.nextBoolean()) {
      builder.header("Accept", pick(random, ACCEPTS));
    }
    byte[] body = body(random, orderId, path);
    String method =
        List.of("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH").get(random.nextInt(7));
    if (random.nextInt(8) > 0) {
      builder.header("Content-Type", pick(random, CONTENT_TYPES));
    }
    return builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static byte[] body(Random random, String orderId, String path) {
    String valid =
        path.endsWith("/refunds")
            ? "{\"refundId\":\"r-1\",\"amountMinor\":100,\"reason\":\"x\"}"
            : IngestTestSupport.orderJson(orderId);
    Function<String, String> mutate =
        switch (random.nextInt(8)) {
          case 0 -> json -> json.substring(0, random.nextInt(json.length()));
          case 1 -> json -> replaceAValue(random, json);
          case 2 -> json -> replaceAValue(random, replaceAValue(random, json));
          case 3 ->
              json ->
                  json.replaceFirst("\"[a-zA-Z]+\":", "\"" + pick(random, PATH_SEGMENTS) + "\":");
          case 4 -> json -> "{\"k\":\"" + "z".repeat(66 * 1024) + "\"}";
          case 5 -> json -> "";
          case 6 -> json -> json + json;
          default -> json -> json.replace("tok_abc", "5500 0000 0000 0004");
        };
    if (random.nextInt(10) == 0) {
      byte[] noise = new byte[random.nextInt(2048)];
      random.nextBytes(noise);
      return noise;
    }
    return mutate.apply(valid).getBytes(StandardCharsets.UTF_8);
  }

  /** Replaces the value of one "name": value pair with a hostile JSON value. */
  private static String replaceAValue(Random random, String json) {
    String[] names = {
      "orderId",
      "customerId",
      "amountMinor",
      "currency",
      "items",
      "quantity",
      "unitAmountMinor",
      "paymentMethod",
      "token",
      "last4",
      "issuingCountry",
      "shippingCountry",
      "channel",
      "refundId",
      "reason"
    };
    String name = names[random.nextInt(names.length)];
    return json.replaceFirst(
        "\"" + name + "\":(\"[^\"]*\"|[0-9]+|\\[[^\\]]*\\]|\\{[^}]*\\})",
        "\"" + name + "\":" + java.util.regex.Matcher.quoteReplacement(pick(random, JSON_VALUES)));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
