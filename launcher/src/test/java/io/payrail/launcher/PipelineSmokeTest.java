package io.payrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.launcher.demo.CouponApi;
import io.payrail.launcher.demo.PointsApi;
import io.payrail.launcher.demo.ReviewApi;
import io.payrail.launcher.pipeline.ServicePorts;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.localstack.testing.TestInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own code path end to end: local stack plus the five services in one JVM, an order
 * in over HTTP, PAID, loyalty points, a refund, REFUNDED, points back, and a clean audit; the same
 * when the acquirer's answers to the charge and to the refund are lost and the processors'
 * reconcilers find what it did; held orders approved (charged once), rejected, or left to expire;
 * and a coupon's use limit kept exactly under concurrent orders, its discount off the charge and
 * off the refund.
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

  /**
   * Holds expire after 20 s instead of 72 h, looked for every half second: the review test waits
   * for one to expire. 20 s leaves the test's approval and rejection well inside the hold.
   */
  private static final Map<String, String> QUICK_HOLD_EXPIRY =
      Map.of("payrail.review.hold-expiry", "20s", "payrail.review.expiry-scan-interval", "500ms");

  private static final Map<String, String> STACK_PROPERTIES = new HashMap<>();

  static {
    STACK_PROPERTIES.putAll(QUICK_RECONCILERS);
    STACK_PROPERTIES.putAll(QUICK_HOLD_EXPIRY);
  }

  /** payment_status_history's columns saying who moved a held order on, and why. */
  private static final String HISTORY_ACTOR = "actor";

  private static final String HISTORY_NOTE = "note";

  private static final String REVIEWER = "smoke-reviewer";

  @BeforeAll
  static void start() {
    STACK_PROPERTIES.forEach(System::setProperty);
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
    // Started is not ready: the status view answers, and loyalty applies events, once their Streams
    // run (loyalty-streams' port serves only actuator).
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
    STACK_PROPERTIES.keySet().forEach(System::clearProperty);
  }

  @Test
  void orderIsPaidEarnsPointsIsRefundedAndAuditsClean() throws Exception {
    // No long digit runs: the facade rejects anything that could be a card number.
    String orderId =
        "smoke-" + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "x");
    String customerId = "smoke-customer-" + orderId.substring(6, 14);
    // A member of the development merchant: the facade shows a balance only to its own merchant.
    HttpResponse<String> registered =
        send(
            post(
                "/v1/customers",
                """
                {"customerId":"%s","displayName":"Grace","country":"DE"}\
                """
                    .formatted(customerId)));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    HttpResponse<String> placed =
        send(
            post(
                "/v1/orders",
                """
                {"orderId":"%s","customerId":"%s","amountMinor":4999,"currency":"EUR",
                 "items":[{"sku":"book-1","quantity":1,"unitAmountMinor":4999}],
                 "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
                 "shippingCountry":"DE","channel":"WEB"}\
                """
                    .formatted(orderId, customerId)));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);

    JsonNode paid = waitFor(orderId, "PAID");
    assertThat(paid.path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("payment").path("status").asText()).isEqualTo("CAPTURED");
    assertThat(balance(customerId, 49).path("tier").asText()).isEqualTo("BRONZE");
    HttpResponse<String> anonymous =
        send(HttpRequest.newBuilder(facade.resolve(PointsApi.loyaltyPath(customerId))).build());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("\"points\"");

    HttpResponse<String> refund =
        send(
            post(
                "/v1/orders/" + orderId + "/refunds",
                "{\"refundId\":\"rf-" + orderId + "\",\"reason\":\"requested_by_customer\"}"));
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);

    JsonNode refunded = waitFor(orderId, "REFUNDED");
    assertThat(refunded.path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.path("refundedMinor").asLong()).isEqualTo(4999);
    JsonNode afterRefund = balance(customerId, 0);
    assertThat(afterRefund.path("reservedPoints").asLong()).isZero();
    assertThat(afterRefund.path("tier").asText()).isEqualTo("BRONZE");

    // The facade does not show lifetime spend; the audit's loyalty check compares the net spend
    // loyalty published (0 EUR after the full refund) with its recomputation.
    assertAuditsClean(orderId);
  }

  @Test
  void registeredMemberHasZeroPointsBeforeAnyOrderEarnsThemPaysWithThemAndGetsThemBackOnDecline()
      throws Exception {
    String customerId =
        "member-"
            + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "m");
    HttpResponse<String> registered =
        send(
            post(
                "/v1/customers",
                """
                {"customerId":"%s","displayName":"Ada","country":"DE"}\
                """
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
                 "shippingCountry":"DE","channel":"WEB"}\
                """
                    .formatted(orderId, customerId)));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    assertThat(waitFor(orderId, "PAID").path("status").asText()).isEqualTo("PAID");

    // After the paid order: its points, on the member's profile and on its balance alone.
    assertThat(member(customerId, 49).path("loyalty").path("points").asLong()).isEqualTo(49);
    assertThat(balance(customerId, 49).path("tier").asText()).isEqualTo("BRONZE");
    assertAuditsClean(orderId);

    // 20 of them pay part of the next order: 30.00 less 0.20 is charged, and the balance drops by
    // the 20 spent and rises by the 29 the capture of 29.80 earns.
    String redeeming = "order-points-" + customerId;
    HttpResponse<String> withPoints =
        send(post("/v1/orders", orderBody(redeeming, customerId, 3000, "tok_visa", 20)));
    assertThat(withPoints.statusCode()).as(withPoints.body()).isEqualTo(202);
    assertThat(JSON.readTree(withPoints.body()).path("chargeMinor").asLong()).isEqualTo(2980);
    JsonNode paid = waitFor(redeeming, "PAID");
    assertThat(paid.path("payment").path("amountMinor").asLong()).isEqualTo(2980);
    assertThat(paid.path("payment").path("pointsRedeemed").asLong()).isEqualTo(20);
    assertThat(
            ledger(
                "SELECT amount_minor FROM simulated_acquirer_charges WHERE order_id = ?",
                redeeming))
        .containsExactly("2980");
    JsonNode afterRedemption = member(customerId, 58);
    assertThat(afterRedemption.path("loyalty").path("reservedPoints").asLong()).isZero();

    // A declined payment gives its points back: the reservation is released, nothing is earned.
    String declined = "order-declined-" + customerId;
    HttpResponse<String> declinedPlaced =
        send(post("/v1/orders", orderBody(declined, customerId, 3000, "tok_chargeDeclined", 30)));
    assertThat(declinedPlaced.statusCode()).as(declinedPlaced.body()).isEqualTo(202);
    assertThat(finalStatus(declined).path("status").asText()).isEqualTo(CouponApi.PAYMENT_DECLINED);
    JsonNode released = member(customerId, 58);
    assertThat(released.path("loyalty").path("reservedPoints").asLong()).isZero();
    assertAuditsClean(redeeming);
    assertAuditsClean(declined);
  }

  @Test
  void aKeyFromTheKeysCommandWorksAtOnceIsScopedAndIsRefusedSecondsAfterItsRevocation()
      throws Exception {
    String key = keys("create", "--merchant", "smoke-keys", "--scopes", "orders:write,orders:read");
    String orderId =
        "smoke-key-"
            + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "k");
    String body =
        orderBody(orderId, "smoke-key-customer", 1200, "tok_visa", 0)
            .replace(",\"pointsToRedeem\":0", "");

    // The command returns once Kafka acknowledged the key; each facade's global store reads it
    // moments later.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> send(post("/v1/orders", body, key)).statusCode() == 202);
    assertThat(send(get("/v1/orders/" + orderId, key)).statusCode()).isEqualTo(200);
    assertThat(send(get("/v1/orders/" + orderId, KEY)).statusCode())
        .as("another merchant's key does not see the order")
        .isEqualTo(404);
    HttpResponse<String> refund =
        send(
            post(
                "/v1/orders/" + orderId + "/refunds",
                "{\"refundId\":\"rf-1\",\"reason\":\"requested_by_customer\"}",
                key));
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(403);
    assertThat(refund.body()).contains("refunds:write");

    keys("revoke", key);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> send(get("/v1/orders/" + orderId, key)).statusCode() == 401);
  }

  /**
   * Order, refund and customer ids are the merchant's own: two merchants both using order "1001",
   * refund "rf-1" and customer "c-1" get two orders paid and refunded on their own, two balances
   * and two risk histories, and a third merchant finds none of them.
   */
  @Test
  void twoMerchantsUsingTheSameOrderRefundAndCustomerIdsArePaidRefundedAndCountedApart()
      throws Exception {
    String scopes = "orders:write,orders:read,refunds:write,customers:write,customers:read";
    String merchantA = keys("create", "--merchant", "smoke-tenant-a", "--scopes", scopes);
    String merchantB = keys("create", "--merchant", "smoke-tenant-b", "--scopes", scopes);
    String stranger = keys("create", "--merchant", "smoke-tenant-c", "--scopes", scopes);
    for (String key : List.of(merchantA, merchantB)) {
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  send(post(
                              "/v1/customers",
                              "{\"customerId\":\"c-1\",\"displayName\":\"Lin\",\"country\":\"DE\"}",
                              key))
                          .statusCode()
                      == 201);
    }

    // Merchant A: five orders of c-1 within a minute, so its burst-velocity rule fires on the
    // last; then merchant B's first order of its own c-1, with A's ids.
    List<Long> amountsA = List.of(4000L, 1000L, 1000L, 1000L, 1000L);
    for (int i = 0; i < amountsA.size(); i++) {
      HttpResponse<String> placed =
          send(post("/v1/orders", tenantOrder("100" + (i + 1), amountsA.get(i)), merchantA));
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    }
    HttpResponse<String> placedB = send(post("/v1/orders", tenantOrder("1001", 1500), merchantB));
    assertThat(placedB.statusCode()).as(placedB.body()).isEqualTo(202);

    JsonNode paidA = waitFor("1001", "PAID", merchantA);
    JsonNode paidB = waitFor("1001", "PAID", merchantB);
    assertThat(paidA.path("payment").path("amountMinor").asLong()).isEqualTo(4000);
    assertThat(paidB.path("payment").path("amountMinor").asLong()).isEqualTo(1500);
    assertThat(paidA.path("payment").path("paymentId").asText())
        .isNotEqualTo(paidB.path("payment").path("paymentId").asText());
    JsonNode fifthA = waitFor("1005", "PAID", merchantA);
    assertThat(fifthA.path("risk").path("reasons").findValuesAsText("rule"))
        .as("A's c-1 placed five orders within a minute")
        .contains("velocity_1m");
    assertThat(paidB.path("risk").path("reasons").findValuesAsText("rule"))
        .as("B's c-1 placed one order; A's five are not B's customer's history")
        .doesNotContain("velocity_1m");
    for (String orderId : List.of("1002", "1003", "1004")) {
      waitFor(orderId, "PAID", merchantA);
    }
    // Points are 1 per whole euro of net spend, per merchant's customer: 40 + 4 x 10 and 15.
    balance("c-1", 80, merchantA);
    balance("c-1", 15, merchantB);
    assertThat(ledger("SELECT COUNT(*) FROM simulated_acquirer_charges WHERE order_id = ?", "1001"))
        .as("two charges, one per merchant, under two idempotency keys")
        .containsExactly("2");

    // A third merchant sees neither order nor either customer.
    assertThat(send(get("/v1/orders/1001", stranger)).statusCode()).isEqualTo(404);
    assertThat(send(get("/v1/orders/1001?waitFor=PAID&timeout=1s", stranger)).statusCode())
        .isEqualTo(404);
    assertThat(send(get(PointsApi.loyaltyPath("c-1"), stranger)).statusCode()).isEqualTo(404);
    HttpResponse<String> strangersRefund =
        send(
            post(
                "/v1/orders/1001/refunds",
                "{\"refundId\":\"rf-1\",\"reason\":\"requested_by_customer\"}",
                stranger));
    assertThat(strangersRefund.statusCode()).as(strangersRefund.body()).isEqualTo(404);

    // Both refund their own 1001 with the same refundId: two refunds, each of its own payment.
    for (String key : List.of(merchantA, merchantB)) {
      HttpResponse<String> refund =
          send(
              post(
                  "/v1/orders/1001/refunds",
                  "{\"refundId\":\"rf-1\",\"reason\":\"requested_by_customer\"}",
                  key));
      assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);
    }
    assertThat(waitFor("1001", "REFUNDED", merchantA).path("refundedMinor").asLong())
        .isEqualTo(4000);
    assertThat(waitFor("1001", "REFUNDED", merchantB).path("refundedMinor").asLong())
        .isEqualTo(1500);

    // Each refund took back its own order's points: A's c-1 keeps 4 x 10, B's c-1 nothing.
    assertThat(balance("c-1", 40, merchantA).path("tier").asText()).isEqualTo("BRONZE");
    assertThat(balance("c-1", 0, merchantB).path("reservedPoints").asLong()).isZero();
    assertAuditsClean("100");
  }

  private static String tenantOrder(String orderId, long amountMinor) {
    return orderBody(orderId, "c-1", amountMinor, "tok_visa", 0)
        .replace(",\"pointsToRedeem\":0", "");
  }

  /** Runs {@code ./payrail keys ...} against the pipeline; answers what it printed on stdout. */
  private static String keys(String command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> line = new ArrayList<>(List.of("keys", command));
    line.add("--bootstrap-servers=" + pipeline.stack().bootstrapServers());
    line.add("--schema-registry-url=" + pipeline.stack().schemaRegistryUrl());
    line.addAll(List.of(args));
    int status =
        PayrailLauncher.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(line.toArray(String[]::new));
    assertThat(status).as(err.toString()).isZero();
    return out.toString().strip();
  }

  private static String orderBody(
      String orderId, String customerId, long amountMinor, String token, long pointsToRedeem) {
    return """
        {"orderId":"%s","customerId":"%s","amountMinor":%d,"currency":"EUR",
         "items":[{"sku":"book-2","quantity":1,"unitAmountMinor":%d}],
         "paymentMethod":{"token":"%s","brand":"visa","last4":"4242","issuingCountry":"DE"},
         "shippingCountry":"DE","channel":"WEB","pointsToRedeem":%d}\
        """
        .formatted(orderId, customerId, amountMinor, amountMinor, token, pointsToRedeem);
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
                 "shippingCountry":"DE","channel":"WEB"}\
                """
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
         "shippingCountry":"DE","channel":"WEB"}\
        """;

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

  @Test
  void heldOrdersApprovedAreChargedOnceRejectedAreNotAndUndecidedOnesExpire() throws Exception {
    String prefix =
        "rv-"
            + java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "r")
            + "-";
    String expires = prefix + "expires";
    String approved = prefix + "approved";
    String rejected = prefix + "rejected";
    // New, unverified customers with a large first order: new_customer_large_amount (35) and
    // unverified_large_amount (20) hold each for review. The one left to expire goes first.
    for (String orderId : List.of(expires, approved, rejected)) {
      HttpResponse<String> placed =
          send(
              post(
                  "/v1/orders",
                  """
                  {"orderId":"%s","customerId":"%s","amountMinor":60000,"currency":"EUR",
                   "items":[{"sku":"bike-1","quantity":1,"unitAmountMinor":60000}],
                   "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
                   "shippingCountry":"DE","channel":"WEB"}\
                  """
                      .formatted(orderId, "cust-" + orderId)));
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    }
    for (String orderId : List.of(expires, approved, rejected)) {
      assertThat(rules(held(orderId)))
          .containsExactly("new_customer_large_amount", "unverified_large_amount");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(openReviews()).contains(expires, approved, rejected));

    // Decided at once, well inside the 20 s hold.
    HttpResponse<String> approval =
        decide(approved, ReviewApi.Decision.APPROVE, "called the buyer");
    assertThat(approval.statusCode()).as(approval.body()).isEqualTo(ReviewApi.ACCEPTED);
    JsonNode accepted = JSON.readTree(approval.body());
    assertThat(accepted.path("orderId").asText()).isEqualTo(approved);
    assertThat(accepted.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(accepted.path("decisionId").asText()).isNotBlank();
    HttpResponse<String> rejection = decide(rejected, ReviewApi.Decision.REJECT, "stolen card");
    assertThat(rejection.statusCode()).as(rejection.body()).isEqualTo(ReviewApi.ACCEPTED);

    // Approved: charged once, PAID, the reviewer on the status and in the ledger's history.
    JsonNode paid = waitFor(approved, "PAID");
    assertThat(paid.path("payment").path("status").asText()).isEqualTo("CAPTURED");
    assertThat(paid.path(ReviewApi.STATUS_REVIEW_FIELD).path("decision").asText())
        .isEqualTo("APPROVE");
    assertThat(paid.path(ReviewApi.STATUS_REVIEW_FIELD).path("reviewer").asText())
        .isEqualTo(REVIEWER);
    assertThat(paid.path(ReviewApi.STATUS_REVIEW_FIELD).path("note").asText())
        .isEqualTo("called the buyer");
    assertThat(charges(approved)).hasSize(1);
    assertThat(transitions(approved))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>CAPTURED");
    assertThat(
            ledger(
                "SELECT CONCAT("
                    + HISTORY_ACTOR
                    + ", '/', "
                    + HISTORY_NOTE
                    + ") FROM payment_status_history"
                    + " WHERE order_id = ? AND from_status = 'HELD_FOR_REVIEW'",
                approved))
        .containsExactly(REVIEWER + "/called the buyer");

    // The same approval again: answered with the order as it is, no second charge. Another
    // decision: the review is closed.
    HttpResponse<String> again = decide(approved, ReviewApi.Decision.APPROVE, "called the buyer");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(ReviewApi.REPEATED);
    HttpResponse<String> changedMind = decide(approved, ReviewApi.Decision.REJECT, "second look");
    assertThat(changedMind.statusCode()).as(changedMind.body()).isEqualTo(ReviewApi.CLOSED);
    assertThat(changedMind.body()).contains(ReviewApi.REVIEW_CLOSED);
    assertThat(charges(approved)).hasSize(1);
    assertThat(transitions(approved)).endsWith("PENDING>CAPTURED").hasSize(3);

    // Rejected: never charged.
    JsonNode refused = rejectedInLedger(rejected, Duration.ofSeconds(30));
    assertThat(refused.path("payment").path("status").asText())
        .isEqualTo(ReviewApi.REJECTED_BY_REVIEW);
    assertThat(refused.path("payment").path("declineCode").asText())
        .isEqualTo(ReviewApi.REVIEW_REJECTED);
    assertThat(refused.path(ReviewApi.STATUS_REVIEW_FIELD).path("reviewer").asText())
        .isEqualTo(REVIEWER);
    assertThat(charges(rejected)).isEmpty();
    assertThat(transitions(rejected))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");

    // Left alone: the hold expires after 20 s, and a late approval finds the review closed.
    JsonNode expired = rejectedInLedger(expires, Duration.ofSeconds(90));
    assertThat(expired.path("payment").path("declineCode").asText())
        .isEqualTo(ReviewApi.REVIEW_EXPIRED);
    assertThat(expired.path(ReviewApi.STATUS_REVIEW_FIELD).path("decision").asText())
        .isEqualTo("EXPIRE");
    assertThat(expired.path(ReviewApi.STATUS_REVIEW_FIELD).path("reviewer").asText())
        .isEqualTo(ReviewApi.EXPIRY_REVIEWER);
    HttpResponse<String> late = decide(expires, ReviewApi.Decision.APPROVE, "too late");
    assertThat(late.statusCode()).as(late.body()).isEqualTo(ReviewApi.CLOSED);
    assertThat(charges(expires)).isEmpty();
    assertThat(transitions(expires))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");

    assertThat(openReviews()).doesNotContain(expires, approved, rejected);
    // Long after the repeated approval (the expiry took 20 s): still the one charge.
    assertThat(charges(approved)).hasSize(1);
    assertThat(transitions(approved)).hasSize(3);
    assertAuditsClean(prefix);
  }

  @Test
  void couponWithThreeUsesClaimedByTenConcurrentOrdersPaysExactlyThreeAndRefusesSevenUncharged()
      throws Exception {
    String suffix =
        java.util.UUID.randomUUID().toString().replace("-", "").replaceAll("[0-9]", "c");
    String prefix = "cp-" + suffix + "-";
    // Codes are upper case; letters only, nothing that could look like a card number.
    String code = ("SMOKE-" + suffix.substring(0, 12)).toUpperCase(Locale.ROOT);
    HttpResponse<String> defined =
        send(post(CouponApi.COUPONS_PATH, CouponApi.percentOffBody(code, 10, 3, null)));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(CouponApi.CREATED);
    // Read-your-writes: the coupon is there right after its 201.
    HttpResponse<String> read =
        send(
            HttpRequest.newBuilder(facade.resolve(CouponApi.couponPath(code)))
                .header("Authorization", "Bearer " + KEY)
                .build());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

    // Ten orders of ten customers at once: they race for the coupon's three uses.
    List<String> orderIds = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String orderId = prefix + "o" + (char) ('a' + i);
      orderIds.add(orderId);
      sent.add(
          HTTP.sendAsync(
              post(
                  "/v1/orders",
                  CouponApi.claiming(
                      """
                      {"orderId":"%s","customerId":"%s","amountMinor":5000,"currency":"EUR",
                       "items":[{"sku":"lamp-1","quantity":1,"unitAmountMinor":5000}],
                       "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},
                       "shippingCountry":"DE","channel":"WEB"}\
                      """
                          .formatted(orderId, "cust-" + orderId),
                      code)),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (java.util.concurrent.CompletableFuture<HttpResponse<String>> response : sent) {
      HttpResponse<String> placed = response.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
      // 10 % of 50.00: 5.00 off, 45.00 to charge; the facade prices, payment-processor counts.
      JsonNode accepted = JSON.readTree(placed.body());
      assertThat(CouponApi.codeOf(accepted)).isEqualTo(code);
      assertThat(CouponApi.discountOf(accepted)).isEqualTo(500);
      assertThat(CouponApi.chargeOf(accepted)).isEqualTo(4500);
    }
    List<String> paid = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (String orderId : orderIds) {
      JsonNode status = finalStatus(orderId);
      if (status.path("status").asText().equals("PAID")) {
        assertThat(status.path("payment").path("amountMinor").asLong()).isEqualTo(4500);
        assertThat(
                ledger(
                    "SELECT amount_minor FROM simulated_acquirer_charges WHERE order_id = ?",
                    orderId))
            .containsExactly("4500");
        paid.add(orderId);
      } else {
        assertThat(status.path("payment").path("declineCode").asText())
            .as(status.toString())
            .isEqualTo(CouponApi.COUPON_EXHAUSTED);
        assertThat(charges(orderId)).isEmpty();
        refused.add(orderId);
      }
    }
    assertThat(paid).as("orders that got the coupon").hasSize(3);
    assertThat(refused).as("orders refused with coupon_exhausted, uncharged").hasSize(7);
    // The ledger counts exactly the three uses: the counter and the redemptions agree.
    assertThat(ledger("SELECT uses FROM coupon_uses WHERE coupon_code = ?", code))
        .containsExactly("3");
    assertThat(
            ledger(
                "SELECT order_id FROM coupon_redemptions WHERE coupon_code = ? AND status = 'TAKEN'",
                code))
        .containsExactlyInAnyOrderElementsOf(paid);

    // A full refund of a discounted order pays back what was charged, not the order's total.
    String refunded = paid.get(0);
    HttpResponse<String> refund =
        send(
            post(
                "/v1/orders/" + refunded + "/refunds",
                "{\"refundId\":\"rf-" + refunded + "\",\"reason\":\"requested_by_customer\"}"));
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(202);
    assertThat(waitFor(refunded, "REFUNDED").path("refundedMinor").asLong()).isEqualTo(4500);
    assertThat(
            ledger(
                "SELECT amount_minor FROM simulated_acquirer_refunds WHERE order_id = ?", refunded))
        .containsExactly("4500");

    assertAuditsClean(prefix);
  }

  /** The order once it left RECEIVED/APPROVED: paid or declined. */
  private static JsonNode finalStatus(String orderId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              last[0] = status(orderId);
              assertThat(last[0].path("status").asText()).isIn("PAID", CouponApi.PAYMENT_DECLINED);
            });
    return last[0];
  }

  /** The order once risk held it and the payments ledger holds it for review. */
  private static JsonNode held(String orderId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              last[0] = status(orderId);
              assertThat(last[0].path("status").asText()).isEqualTo(ReviewApi.IN_REVIEW);
              assertThat(last[0].path("payment").path("status").asText())
                  .isEqualTo(ReviewApi.HELD_FOR_REVIEW);
            });
    return last[0];
  }

  /**
   * The order once its review rejected it and the ledger has recorded that: the status view shows
   * REJECTED_BY_REVIEW as soon as it reads the decision, the payment's outcome follows.
   */
  private static JsonNode rejectedInLedger(String orderId, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              last[0] = status(orderId);
              assertThat(last[0].path("status").asText()).isEqualTo(ReviewApi.REJECTED_BY_REVIEW);
              assertThat(last[0].path("payment").path("status").asText())
                  .isEqualTo(ReviewApi.REJECTED_BY_REVIEW);
            });
    return last[0];
  }

  private static JsonNode status(String orderId) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(facade.resolve("/v1/orders/" + orderId))
                .header("Authorization", "Bearer " + KEY)
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Every open review's orderId, all pages. */
  private static List<String> openReviews() throws Exception {
    List<String> orderIds = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(facade.resolve(ReviewApi.reviewsPath(cursor)))
                  .header("Authorization", "Bearer " + KEY)
                  .build());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      ReviewApi.Page page = ReviewApi.page(JSON.readTree(response.body()));
      page.reviews().forEach(review -> orderIds.add(review.orderId()));
      cursor = page.next();
    } while (cursor != null);
    return orderIds;
  }

  private static HttpResponse<String> decide(
      String orderId, ReviewApi.Decision decision, String note) throws Exception {
    return send(
        post(ReviewApi.decisionPath(orderId), ReviewApi.decisionBody(decision, REVIEWER, note)));
  }

  /** The simulated acquirer's charges of the order (one row per idempotency key). */
  private static List<String> charges(String orderId) throws SQLException {
    return ledger(
        "SELECT charge_reference FROM simulated_acquirer_charges WHERE order_id = ?", orderId);
  }

  /** The order's payment status changes, {@code FROM>TO}, in order. */
  private static List<String> transitions(String orderId) throws SQLException {
    return ledger(
        "SELECT CONCAT(COALESCE(from_status, 'NONE'), '>', to_status)"
            + " FROM payment_status_history WHERE order_id = ? ORDER BY id",
        orderId);
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
         "shippingCountry":"DE","channel":"WEB"}\
        """
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
    return waitFor(orderId, status, KEY);
  }

  private static JsonNode waitFor(String orderId, String status, String key) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    facade.resolve("/v1/orders/" + orderId + "?waitFor=" + status + "&timeout=30s"))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(40))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The member's balance alone, from the facade, once it shows the expected points. */
  private static JsonNode balance(String customerId, long points) {
    return balance(customerId, points, KEY);
  }

  private static JsonNode balance(String customerId, long points, String key) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  send(
                      HttpRequest.newBuilder(facade.resolve(PointsApi.loyaltyPath(customerId)))
                          .header("Authorization", "Bearer " + key)
                          .build());
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              last[0] = JSON.readTree(response.body());
              assertThat(last[0].path("points").asLong()).isEqualTo(points);
            });
    return last[0];
  }

  private static HttpRequest post(String path, String body) {
    return post(path, body, KEY);
  }

  private static HttpRequest post(String path, String body, String key) {
    return HttpRequest.newBuilder(facade.resolve(path))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(facade.resolve(path))
        .header("Authorization", "Bearer " + key)
        .GET()
        .build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
