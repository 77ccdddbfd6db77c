package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.payrail.ingest.status.OrderStatus;
import io.payrail.ingest.status.StatusTopology;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Properties of the real facade (real HTTP, broker and registry) under hostile input, generated
 * from a seeded {@link Random} ({@code -Dpayrail.fuzz.seed} reproduces a run; the seed is in every
 * test's name; jqwik is not used, see the README):
 *
 * <ul>
 *   <li>whatever a client sends (body, headers, path, query), the answer is never a 5xx, every
 *       error is problem+json, and no answer holds a card number;
 *   <li>generated orders and refunds (malformed, oversized, mixed-case, Unicode, card-number
 *       bearing, at and beyond every boundary) are accepted exactly when the contract allows them;
 *   <li>afterwards no card number is in any topic, in the status store or in the log, and a normal
 *       order is still accepted and served.
 * </ul>
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
    assertNoCardNumber(answer, described);
    if (answer.statusCode() >= 400) {
      assertThat(answer.headers().firstValue("Content-Type").orElse("none"))
          .as("content type of %d for %s", answer.statusCode(), described)
          .startsWith("application/problem+json");
      assertThat(answer.body()).contains("\"type\":\"https://payrail.io/problems/");
    }
  }

  private HttpRequest generate(Random random, int index) {
    String orderId = IngestTestSupport.uniqueId("fuzz");
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

  /** Card numbers of the suite (test PANs of the schemes), found in digits of any form. */
  private static final List<String> PANS =
      List.of(
          "4111111111111111",
          "5500000000000004",
          "378282246310005",
          "6011000990139424",
          "4000056655665556",
          "3530111333300000");

  private static final int CONTRACT_CASES = 120;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static final Map<String, Level> LEVELS_BEFORE = new HashMap<>();
  private static final List<String> VERBOSE =
      List.of("io.payrail", "org.springframework.web", "org.apache.catalina", "org.apache.coyote");

  /** What the contract says of a generated request. */
  private enum Expected {
    ACCEPTED,
    REFUSED,
    CARD_NUMBER
  }

  private record Case(String what, String path, String body, Expected expected) {}

  @TestFactory
  Stream<DynamicTest> generatedRequestsMeetTheContractAndCardNumbersGoNowhere() {
    Random random = new Random(SEED);
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("capture the log", HostileRequestsTest::captureTheLog));
    for (int i = 0; i < CONTRACT_CASES; i++) {
      Case generated = contractCase(random, i);
      tests.add(
          DynamicTest.dynamicTest(
              "seed " + SEED + " #" + i + " " + generated.expected() + ": " + generated.what(),
              () -> checkCase(generated)));
    }
    tests.add(
        DynamicTest.dynamicTest(
            "no card number in a topic, the status store or the log",
            this::noCardNumberWasKeptAnywhere));
    tests.add(
        DynamicTest.dynamicTest(
            "a normal order is accepted and served afterwards", this::aNormalOrderStillWorks));
    return tests.stream();
  }

  private void checkCase(Case generated) {
    HttpResponse<String> answer =
        IngestTestSupport.post(port, generated.path(), DEV_KEY, generated.body());
    String described = "seed " + SEED + ": " + generated.what();
    assertThat(answer.statusCode())
        .as("status of %s: %s", described, answer.body())
        .isLessThan(500);
    assertNoCardNumber(answer, described);
    switch (generated.expected()) {
      case ACCEPTED ->
          assertThat(answer.statusCode()).as("%s: %s", described, answer.body()).isEqualTo(202);
      case REFUSED ->
          assertThat(answer.statusCode())
              .as("%s: %s", described, answer.body())
              .isBetween(400, 499);
      case CARD_NUMBER -> {
        assertThat(answer.statusCode()).as("%s: %s", described, answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("card-number-in-request");
      }
    }
  }

  private Case contractCase(Random random, int index) {
    String orderId = IngestTestSupport.uniqueId("hostile");
    Map<String, Object> order = validOrder(orderId);
    if (random.nextInt(8) == 0) {
      return refundCase(random, orderId);
    }
    switch (random.nextInt(14)) {
      case 0, 1, 2 -> {
        String pan = pick(random, PANS);
        String written = writtenInSomeForm(random, pan);
        String field =
            pick(random, List.of("orderId", "customerId", "sku", "token", "brand", "name"));
        return switch (field) {
          case "orderId" ->
              withValue(order, "orderId", written, "card number as orderId", Expected.CARD_NUMBER);
          case "customerId" ->
              withValue(
                  order,
                  "customerId",
                  "c-" + written,
                  "card number in customerId",
                  Expected.CARD_NUMBER);
          case "sku" -> {
            item(order, 0).put("sku", "gift " + written);
            yield json("card number in a sku", order, Expected.CARD_NUMBER);
          }
          case "token" -> {
            method(order).put("token", random.nextBoolean() ? written : "tok_" + written);
            yield json("card number in the token", order, Expected.CARD_NUMBER);
          }
          case "brand" -> {
            method(order).put("brand", written);
            yield json("card number as the brand", order, Expected.CARD_NUMBER);
          }
          default -> {
            order.put(pan, "x");
            yield json("card number as a field name", order, Expected.CARD_NUMBER);
          }
        };
      }
      case 3 -> {
        String pan = pick(random, PANS);
        // A \\u escape for every digit: only the decoded string shows the number.
        String escaped =
            pan.chars().mapToObj(c -> "\\u00" + Integer.toHexString(c)).reduce("", String::concat);
        return new Case(
            "escaped card number in customerId",
            "/v1/orders",
            serialize(order).replace("\"customer-1\"", "\"" + escaped + "\""),
            Expected.CARD_NUMBER);
      }
      case 4 -> {
        String currency =
            pick(
                random,
                List.of(
                    "XXX", "XAU", "XAG", "XPT", "XPD", "XTS", "XDR", "XSU", "XUA", "XBA", "XBD",
                    "HRK", "BGN", "ANG", "eur", "Eur", "EU", "EURO", "\u20ac", ""));
        return withValue(order, "currency", currency, "currency " + currency, Expected.REFUSED);
      }
      case 5 -> {
        Object amount =
            pick(
                random,
                List.<Object>of(
                    0,
                    -1,
                    ContractRules.MAX_AMOUNT_MINOR + 1,
                    Long.MAX_VALUE,
                    "3999",
                    39.99,
                    new java.math.BigInteger("99999999999999999999999")));
        return withValue(order, "amountMinor", amount, "amountMinor " + amount, Expected.REFUSED);
      }
      case 6 -> {
        String id =
            pick(
                random,
                List.of(
                    ".",
                    "..",
                    "o".repeat(65),
                    "a/b",
                    "a b",
                    "\u00fc-order",
                    "",
                    "a\u0000b",
                    "a%2F",
                    "a?b",
                    "\u0130d",
                    "o\u200bid"));
        return withValue(
            order, "orderId", id, "orderId unreachable or out of alphabet", Expected.REFUSED);
      }
      case 7 -> {
        String last4 =
            pick(
                random,
                List.of(
                    "424",
                    "42424",
                    "\uff14\uff12\uff14\uff12",
                    "\u0664\u0662\u0664\u0662",
                    "42a2"));
        method(order).put("last4", last4);
        return json("last4 not 4 ASCII digits", order, Expected.REFUSED);
      }
      case 8 -> {
        String country = pick(random, List.of("de", "XX", "UK", "EU", "DEU", "D"));
        return withValue(order, "shippingCountry", country, "country " + country, Expected.REFUSED);
      }
      case 9 -> {
        String token =
            pick(random, List.of("tok visa", "TOK_visa", "4242", "", "tok_", "\u0442ok_x"));
        method(order).put("token", token);
        return json("token " + token, order, Expected.REFUSED);
      }
      case 10 -> {
        int shape = random.nextInt(5);
        List<Object> items = new ArrayList<>();
        if (shape == 1) {
          for (int i = 0; i < ContractRules.MAX_ITEMS + 1; i++) {
            items.add(item("sku-" + i, 1, 1));
          }
        } else if (shape == 2) {
          items.add(item("sku-0", 0, 3999));
        } else if (shape == 3) {
          items.add(item("sku-0", ContractRules.MAX_QUANTITY + 1, 1));
        } else if (shape == 4) {
          items.add(item("sku-0", 1, 3998));
        }
        order.put("items", items);
        return json("items shape " + shape, order, Expected.REFUSED);
      }
      case 11 -> {
        String text =
            pick(
                random,
                List.of(
                    "c".repeat(ContractRules.MAX_PARTY_ID_LENGTH + 1),
                    "a\u0007b",
                    "line\u2028break",
                    " "));
        item(order, 0).put("sku", text);
        order.put("customerId", text.length() > 100 ? text : "customer-1");
        return json("too long or unprintable text", order, Expected.REFUSED);
      }
      case 12 -> {
        String body = serialize(order);
        return pick(
            random,
            List.of(
                new Case(
                    "truncated JSON",
                    "/v1/orders",
                    body.substring(0, body.length() / 2),
                    Expected.REFUSED),
                new Case(
                    "duplicate key",
                    "/v1/orders",
                    body.replace("{\"orderId\"", "{\"orderId\":\"x\",\"orderId\""),
                    Expected.REFUSED),
                new Case(
                    "unknown field",
                    "/v1/orders",
                    body.replace("{\"orderId\"", "{\"coupon\":\"X\",\"orderId\""),
                    Expected.REFUSED),
                new Case(
                    "lone surrogate",
                    "/v1/orders",
                    body.replace("\"sku-1\"", "\"\\ud800\""),
                    Expected.REFUSED),
                new Case(
                    "oversized",
                    "/v1/orders",
                    body.replace("customer-1", "c".repeat(70 * 1024)),
                    Expected.REFUSED)));
      }
      default -> {
        return acceptedCase(random, order, orderId, index);
      }
    }
  }

  /** Orders the contract accepts: its boundaries, mixed case, Unicode text, every test token. */
  private Case acceptedCase(Random random, Map<String, Object> order, String orderId, int index) {
    switch (random.nextInt(6)) {
      case 0 -> {
        StringBuilder mixed = new StringBuilder();
        orderId
            .chars()
            .forEach(
                c ->
                    mixed.append(
                        random.nextBoolean() ? Character.toUpperCase((char) c) : (char) c));
        order.put("orderId", mixed.toString());
        return json("mixed-case orderId", order, Expected.ACCEPTED);
      }
      case 1 -> {
        long max = ContractRules.MAX_AMOUNT_MINOR;
        order.put("amountMinor", max);
        order.put("items", List.of(item("sku-max", 1, max)));
        return json("the largest amount", order, Expected.ACCEPTED);
      }
      case 2 -> {
        String longest =
            (orderId + "-" + "o".repeat(ContractRules.MAX_ID_LENGTH))
                .substring(0, ContractRules.MAX_ID_LENGTH);
        order.put("orderId", longest);
        order.put("customerId", "c".repeat(ContractRules.MAX_PARTY_ID_LENGTH));
        return json("the longest ids", order, Expected.ACCEPTED);
      }
      case 3 -> {
        item(order, 0)
            .put(
                "sku",
                pick(
                    random,
                    List.of(
                        "Gr\u00f6\u00dfe-\u00dc",
                        "\u65e5\u672c-1",
                        "caf\u00e9 \u2615",
                        "\u0645\u0646\u062a\u062c")));
        return json("Unicode sku", order, Expected.ACCEPTED);
      }
      case 4 -> {
        String currency = pick(random, List.of("JPY", "BHD", "XOF", "XCG", "CLP"));
        order.put("currency", currency);
        return json("currency " + currency, order, Expected.ACCEPTED);
      }
      default -> {
        method(order)
            .put(
                "token",
                pick(
                    random,
                    List.of(
                        "tok_visa",
                        "tok_chargeDeclined",
                        "tok_chargeDeclinedInsufficientFunds",
                        "tok_processingError",
                        "tok_timeout")));
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < ContractRules.MAX_ITEMS; i++) {
          items.add(item("sku-" + i, 1, i == 0 ? 3999 - (ContractRules.MAX_ITEMS - 1) : 1));
        }
        order.put("items", items);
        return json("a test token and the most items", order, Expected.ACCEPTED);
      }
    }
  }

  private static Case refundCase(Random random, String orderId) {
    String pan = pick(random, PANS);
    String path = "/v1/orders/" + orderId + "/refunds";
    return pick(
        random,
        List.of(
            new Case(
                "card number in a refund reason",
                path,
                "{\"refundId\":\"r-1\",\"reason\":\"" + writtenInSomeForm(random, pan) + "\"}",
                Expected.CARD_NUMBER),
            new Case(
                "card number as refundId",
                path,
                "{\"refundId\":\"" + pan + "\",\"reason\":\"x\"}",
                Expected.CARD_NUMBER),
            new Case(
                "refund amount over the maximum",
                path,
                "{\"refundId\":\"r-1\",\"amountMinor\":"
                    + (ContractRules.MAX_AMOUNT_MINOR + 1)
                    + ",\"reason\":\"x\"}",
                Expected.REFUSED),
            new Case(
                "refund reason too long",
                path,
                "{\"refundId\":\"r-1\",\"reason\":\""
                    + "r".repeat(ContractRules.MAX_REASON_LENGTH + 1)
                    + "\"}",
                Expected.REFUSED),
            new Case(
                "refund of an unknown order",
                path,
                "{\"refundId\":\"r-1\",\"reason\":\"x\"}",
                Expected.REFUSED)));
  }

  /** The number with separators, in other digits, with one more digit, or inside text. */
  private static String writtenInSomeForm(Random random, String pan) {
    return switch (random.nextInt(10)) {
      case 0 -> pan;
      case 1 -> grouped(pan, " ");
      case 2 -> grouped(pan, "  ");
      case 3 -> grouped(pan, ".");
      case 4 -> grouped(pan, "-");
      case 5 -> grouped(pan, "/");
      case 6 ->
          grouped(pan, pick(random, List.of("\u00a0", "\u2009", "\u3000", "\u200b", "\u00ad")));
      case 7 -> inDigitsFrom(pick(random, List.of(0x0660, 0x06f0, 0x0966, 0xff10)), pan);
      case 8 -> pan + random.nextInt(10);
      default -> "my card is " + grouped(pan, " ") + ", thanks";
    };
  }

  private static String grouped(String pan, String separator) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pan.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        out.append(separator);
      }
      out.append(pan.charAt(i));
    }
    return out.toString();
  }

  private static String inDigitsFrom(int zero, String digits) {
    StringBuilder out = new StringBuilder();
    digits.chars().forEach(c -> out.appendCodePoint(zero + c - '0'));
    return out.toString();
  }

  private static Map<String, Object> validOrder(String orderId) {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("orderId", orderId);
    order.put("customerId", "customer-1");
    order.put("amountMinor", 3999);
    order.put("currency", "EUR");
    order.put("items", new ArrayList<>(List.of(item("sku-1", 2, 1500), item("sku-2", 1, 999))));
    Map<String, Object> method = new LinkedHashMap<>();
    method.put("token", "tok_abc");
    method.put("brand", "visa");
    method.put("last4", "4242");
    method.put("issuingCountry", "DE");
    order.put("paymentMethod", method);
    order.put("shippingCountry", "DE");
    order.put("channel", "WEB");
    return order;
  }

  private static Map<String, Object> item(String sku, long quantity, long unit) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sku", sku);
    item.put("quantity", quantity);
    item.put("unitAmountMinor", unit);
    return item;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> item(Map<String, Object> order, int index) {
    return (Map<String, Object>) ((List<Object>) order.get("items")).get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> method(Map<String, Object> order) {
    return (Map<String, Object>) order.get("paymentMethod");
  }

  private static Case withValue(
      Map<String, Object> order, String field, Object value, String what, Expected expected) {
    order.put(field, value);
    return json(what, order, expected);
  }

  private static Case json(String what, Map<String, Object> order, Expected expected) {
    return new Case(what, "/v1/orders", serialize(order), expected);
  }

  private static String serialize(Map<String, Object> order) {
    return JSON.writeValueAsString(order);
  }

  private static void captureTheLog() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    LOG.start();
    root.addAppender(LOG);
    // Open up the loggers that could see a request, so "not logged" holds even at DEBUG.
    for (String name : VERBOSE) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      LEVELS_BEFORE.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
  }

  @AfterAll
  static void stopCapturingTheLog() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    LEVELS_BEFORE.forEach(
        (name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }

  private void noCardNumberWasKeptAnywhere() {
    stopCapturingTheLog();
    for (Topic<?, ?> topic : Topics.ALL) {
      for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
        for (ConsumerRecord<String, byte[]> record : IngestTestSupport.readAll(name)) {
          String text =
              record.key()
                  + " "
                  + (record.value() == null
                      ? ""
                      : new String(record.value(), StandardCharsets.UTF_8));
          assertThat(cardNumbersIn(text))
              .as("record of %s at offset %d", name, record.offset())
              .isEmpty();
        }
      }
    }
    ReadOnlyKeyValueStore<String, OrderStatus> store =
        statusView
            .getKafkaStreams()
            .store(
                StoreQueryParameters.fromNameAndType(
                    StatusTopology.STORE,
                    QueryableStoreTypes.<String, OrderStatus>keyValueStore()));
    try (KeyValueIterator<String, OrderStatus> rows = store.all()) {
      rows.forEachRemaining(
          row ->
              assertThat(cardNumbersIn(row.key + " " + row.value)).as("row %s", row.key).isEmpty());
    }
    assertThat(LOG.list).as("%d captured log lines", LOG.list.size()).isNotEmpty();
    for (ILoggingEvent event : LOG.list) {
      StringBuilder text = new StringBuilder(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(' ').append(t.getMessage());
      }
      assertThat(cardNumbersIn(text.toString()))
          .as("log line %s", event.getFormattedMessage())
          .isEmpty();
    }
  }

  private void aNormalOrderStillWorks() {
    String orderId = IngestTestSupport.uniqueId("after-hostile");
    HttpResponse<String> placed =
        IngestTestSupport.post(port, "/v1/orders", DEV_KEY, IngestTestSupport.orderJson(orderId));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    HttpResponse<String> served = IngestTestSupport.get(port, "/v1/orders/" + orderId, DEV_KEY);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).contains(orderId).contains("\"status\":\"RECEIVED\"");
  }

  private static void assertNoCardNumber(HttpResponse<String> answer, String described) {
    assertThat(cardNumbersIn(answer.body() + " " + answer.headers().map()))
        .as("card numbers in the answer to %s", described)
        .isEmpty();
  }

  /** The suite's card numbers found in {@code text}, whatever digits or separators it uses. */
  private static List<String> cardNumbersIn(String text) {
    StringBuilder digits = new StringBuilder();
    text.codePoints()
        .filter(Character::isDigit)
        .forEach(c -> digits.append((char) ('0' + Character.digit(c, 10))));
    return PANS.stream().filter(pan -> digits.indexOf(pan) >= 0).toList();
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
