package io.payrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.launcher.pipeline.ServicePorts;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.localstack.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own code path end to end: local stack plus the five services in one JVM, an order
 * in over HTTP, PAID, loyalty points, a refund, REFUNDED, points back, and a clean audit; the same
 * when the acquirer's answers to the charge and to the refund are lost and the processors'
 * reconcilers find what it did.
 */
class PipelineSmokeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String KEY = PayrailLauncher.DEVELOPMENT_API_KEY;

  private static PayrailLauncher.Pipeline pipeline;
  private static URI facade;
  private static URI loyalty;

  /**
   * Reconciler rounds in a fraction of a second instead of the services' 5 s: the lost-answers test
   * waits for both processors' reconcilers. System properties outrank their application.yml.
   */
  private static final Map<String, String> QUICK_RECONCILERS =
      Map.of("payrail.reconciler.interval", "300ms", "payrail.reconciler.unknown-after", "300ms");

  @BeforeAll
  static void start() {
    QUICK_RECONCILERS.forEach(System::setProperty);
    Path dataDir = TestInfrastructure.newTempDirectory("launcher-smoke-");
    ServicePorts ports =
        new ServicePorts(
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0));
    pipeline = PayrailLauncher.Pipeline.start(dataDir, 0, 0, 0, ports);
    facade = pipeline.facadeUrl();
    loyalty = URI.create("http://127.0.0.1:" + pipeline.services().port("loyalty-streams"));
    // Started is not ready: the status view and the loyalty store answer once their Streams run.
    awaitReady(facade);
    awaitReady(loyalty);
  }

  private static void awaitReady(URI service) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                send(HttpRequest.newBuilder(service.resolve("/actuator/health/readiness")).build())
                        .statusCode()
                    == 200);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    QUICK_RECONCILERS.keySet().forEach(System::clearProperty);
  }

  @Test
  void orderIsPaidEarnsPointsIsRefundedAndAuditsClean() throws Exception {
    // No long digit runs: the facade rejects anything that could be a card number.
    String orderId =
        "smoke-" + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "x");
    String customerId = "smoke-customer-" + orderId.substring(6, 14);
    HttpResponse<String> placed =
        send(
            post(
                "/v1/orders",
                """
                {"orderId":"%s","customerId":"%s","amountMinor":4999,"currency":"EUR",
                 "items":[{"sku":"book-1","quantity":1,"unitAmountMinor":4999}],
                 "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
                 "shippingCountry":"DE","channel":"WEB"}"""
                    .formatted(orderId, customerId)));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);

    JsonNode paid = waitFor(orderId, "PAID");
    assertThat(paid.path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("payment").path("status").asText()).isEqualTo("CAPTURED");
    assertThat(balance(customerId, 49).path("tier").asText()).isEqualTo("BRONZE");

    HttpResponse<String> refund =
        send(
            post(
                "/v1/orders/" + orderId + "/refunds",
                "{\"refundId\":\"rf-" + orderId + "\",\"reason\":\"requested_by_customer\"}"));
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);

    JsonNode refunded = waitFor(orderId, "REFUNDED");
    assertThat(refunded.path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.path("refundedMinor").asLong()).isEqualTo(4999);
    assertThat(balance(customerId, 0).path("lifetimeSpendMinor").path("EUR").asLong()).isZero();

    assertAuditsClean(orderId);
  }

  @Test
  void registeredMemberHasAZeroBalanceBeforeAnyOrderAndPointsAfterAPaidOne() throws Exception {
    String customerId =
        "member-"
            + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "m");
    HttpResponse<String> registered =
        send(
            post(
                "/v1/customers",
                """
                {"customerId":"%s","displayName":"Ada","country":"DE"}"""
                    .formatted(customerId)));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

    // Before any order: loyalty opened the balance at zero, and the facade shows it.
    JsonNode opened = member(customerId, 0);
    assertThat(opened.path("loyalty").path("tier").asText()).isEqualTo("BRONZE");
    assertThat(opened.path("displayName").asText()).isEqualTo("Ada");

    String orderId = "order-" + customerId;
    HttpResponse<String> placed =
        send(
            post(
                "/v1/orders",
                """
                {"orderId":"%s","customerId":"%s","amountMinor":4999,"currency":"EUR",
                 "items":[{"sku":"book-1","quantity":1,"unitAmountMinor":4999}],
                 "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
                 "shippingCountry":"DE","channel":"WEB"}"""
                    .formatted(orderId, customerId)));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    assertThat(waitFor(orderId, "PAID").path("status").asText()).isEqualTo("PAID");

    // After the paid order: its points, on the member's profile and on loyalty's own query.
    assertThat(member(customerId, 49).path("loyalty").path("points").asLong()).isEqualTo(49);
    assertThat(balance(customerId, 49).path("tier").asText()).isEqualTo("BRONZE");
    assertAuditsClean(orderId);
  }

  /** The member's profile from the facade once its balance shows the expected points. */
  private static JsonNode member(String customerId, long points) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  send(
                      HttpRequest.newBuilder(facade.resolve("/v1/customers/" + customerId))
                          .header("Authorization", "Bearer " + KEY)
                          .build());
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              last[0] = JSON.readTree(response.body());
              assertThat(last[0].path("loyalty").path("points").isNumber())
                  .as(response.body())
                  .isTrue();
              assertThat(last[0].path("loyalty").path("points").asLong()).isEqualTo(points);
            });
    return last[0];
  }

  @Test
  void lostAnswersOfTheAcquirerAreReconciledAndTheOrderIsPaidRefundedAndAuditsClean()
      throws Exception {
    String orderId =
        "lost-" + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "x");
    // The simulated acquirer captures, and loses every answer: the payment is UNKNOWN until the
    // payment-processor's reconciler finds the capture.
    HttpResponse<String> placed =
        send(
            post(
                "/v1/orders",
                """
                {"orderId":"%s","customerId":"%s","amountMinor":2500,"currency":"EUR",
                 "items":[{"sku":"lamp-1","quantity":1,"unitAmountMinor":2500}],
                 "paymentMethod":{"token":"tok_timeoutAfterCapture","brand":"visa","last4":"4242","issuingCountry":"DE"},
                 "shippingCountry":"DE","channel":"WEB"}"""
                    .formatted(orderId, "lost-customer-" + orderId.substring(5, 13))));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);

    assertThat(waitFor(orderId, "PAID").path("payment").path("status").asText())
        .isEqualTo("CAPTURED");
    assertThat(
            ledger(
                "SELECT CONCAT(COALESCE(from_status, 'NONE'), '>', to_status)"
                    + " FROM payment_status_history WHERE order_id = ? ORDER BY id",
                orderId))
        .containsExactly("NONE>PENDING", "PENDING>UNKNOWN", "UNKNOWN>CAPTURED");

    // Paid back, every answer lost again: the refund is UNKNOWN until the refund-processor's
    // reconciler finds it.
    String refundId = "rf-" + orderId;
    HttpResponse<String> refund =
        send(
            post(
                "/v1/orders/" + orderId + "/refunds",
                "{\"refundId\":\"" + refundId + "\",\"reason\":\"sim_timeoutAfterRefund\"}"));
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);

    assertThat(waitFor(orderId, "REFUNDED").path("refundedMinor").asLong()).isEqualTo(2500);
    assertThat(
            ledger(
                "SELECT CONCAT(kind, '>', status) FROM refund_events WHERE refund_id = ?"
                    + " ORDER BY id",
                refundId))
        .containsExactly("RECORDED>PENDING", "ACQUIRER>UNKNOWN", "RECONCILER>COMPLETED");
    assertAuditsClean(orderId);
  }

  @Test
  void newCustomersLargeOrderIsHeldUntilTheCustomerIsVerifiedThenTheSameOrderIsPaid()
      throws Exception {
    String suffix =
        java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "x");
    String customerId = "kyc-customer-" + suffix;
    String order =
        """
        {"orderId":"%s","customerId":"%s","amountMinor":60000,"currency":"EUR",
         "items":[{"sku":"bike-1","quantity":1,"unitAmountMinor":60000}],
         "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
         "shippingCountry":"DE","channel":"WEB"}""";

    HttpResponse<String> first =
        send(post("/v1/orders", order.formatted("kyc-1-" + suffix, customerId)));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    JsonNode held = waitFor("kyc-1-" + suffix, "IN_REVIEW");
    assertThat(held.path("risk").path("decision").asText()).isEqualTo("REVIEW");
    assertThat(rules(held)).containsExactly("new_customer_large_amount", "unverified_large_amount");

    HttpResponse<String> verified =
        send(
            post(
                "/v1/customers/" + customerId + "/verification",
                "{\"providerReference\":\"vrf_test_verified\"}"));
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(202);
    HttpResponse<String> second =
        send(post("/v1/orders", order.formatted("kyc-2-" + suffix, customerId)));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(202);

    JsonNode paid = waitFor("kyc-2-" + suffix, "PAID");
    assertThat(paid.path("risk").path("decision").asText()).isEqualTo("APPROVE");
    assertThat(rules(paid)).containsExactly("new_customer_large_amount");
  }

  private static List<String> rules(JsonNode status) {
    List<String> rules = new ArrayList<>();
    status.path("risk").path("reasons").forEach(reason -> rules.add(reason.path("rule").asText()));
    return rules;
  }

  /** The audit of this order's records and rows finds nothing, once loyalty has committed. */
  private static void assertAuditsClean(String orderId) {
    AuditSettings settings =
        AuditSettings.fromEnvironment(
                Map.of(
                    AuditSettings.BOOTSTRAP_SERVERS_VARIABLE,
                    pipeline.stack().bootstrapServers(),
                    AuditSettings.SCHEMA_REGISTRY_URL_VARIABLE,
                    pipeline.stack().schemaRegistryUrl().toString(),
                    AuditSettings.DB_URL_VARIABLE,
                    pipeline.stack().database().jdbcUrl(),
                    AuditSettings.DB_USER_VARIABLE,
                    pipeline.stack().database().username(),
                    AuditSettings.DB_PASSWORD_VARIABLE,
                    pipeline.stack().database().password()))
            .withOrderIdPrefix(orderId)
            // Nothing is in flight any more: compare everything written before the audit.
            .withSettle(Duration.ZERO);
    // The store answers before loyalty's transaction commits: audit once the last one is visible.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              AuditReport report = Audit.run(settings);
              assertThat(report.isClean()).as(report.render()).isTrue();
            });
  }

  /** The first column of what {@code sql} selects for {@code id} in the pipeline's database. */
  private static List<String> ledger(String sql, String id) throws SQLException {
    DatabaseSettings db = pipeline.stack().database();
    try (Connection connection =
            DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      List<String> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      return rows;
    }
  }

  @Test
  void aHostileBurstIsRefusedAndTheNextOrderIsPaid() throws Exception {
    String orderId =
        "burst-" + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "x");
    String order =
        """
        {"orderId":"%s","customerId":"burst-customer","amountMinor":1500,"currency":"EUR",
         "items":[{"sku":"mug-1","quantity":1,"unitAmountMinor":1500}],
         "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
         "shippingCountry":"DE","channel":"WEB"}"""
            .formatted(orderId);
    java.util.List<String> hostile =
        java.util.List.of(
            order.replace("tok_visa", "4111.1111.1111.1111"),
            order.replace("burst-customer", "c 4111\u00a01111\u00a01111\u00a01111"),
            order.replace("mug-1", "\u0664\u0661\u0661\u0661" + "1".repeat(12)),
            order.replace("\"EUR\"", "\"XAU\""),
            order.replace("\"EUR\"", "\"XXX\""),
            order.replace("\"amountMinor\":1500", "\"amountMinor\":9223372036854775807"),
            order.replace(orderId, ".."),
            order.replace("\"DE\",\"channel\"", "\"UK\",\"channel\""),
            order.substring(0, order.length() / 2),
            "{\"orderId\":\"" + "x".repeat(70_000) + "\"}");
    for (String body : hostile) {
      HttpResponse<String> refused = send(post("/v1/orders", body));
      assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
      assertThat(refused.body()).doesNotContain("4111");
    }

    HttpResponse<String> placed = send(post("/v1/orders", order));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    assertThat(waitFor(orderId, "PAID").path("status").asText()).isEqualTo("PAID");
  }

  private static JsonNode waitFor(String orderId, String status) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    facade.resolve("/v1/orders/" + orderId + "?waitFor=" + status + "&timeout=30s"))
                .header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(40))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The customer's balance once it shows the expected points. */
  private static JsonNode balance(String customerId, long points) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  send(
                      HttpRequest.newBuilder(
                              loyalty.resolve("/v1/customers/" + customerId + "/loyalty"))
                          .build());
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              last[0] = JSON.readTree(response.body());
              assertThat(last[0].path("points").asLong()).isEqualTo(points);
            });
    return last[0];
  }

  private static HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(facade.resolve(path))
        .header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
