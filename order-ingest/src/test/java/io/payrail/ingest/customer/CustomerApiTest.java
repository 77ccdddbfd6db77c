package io.payrail.ingest.customer;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.OTHER_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.ingest.FacadeTestBase;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CustomerApiTest extends FacadeTestBase {

  private static final String HASH = "3".repeat(64);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String registration(String customerId, String displayName) {
    return """
        {"customerId": "%s", "displayName": "%s", "emailSha256": "%s", "country": "DE"}
        """
        .formatted(customerId, displayName, HASH);
  }

  @Test
  void registeredCustomerIsPublishedOnceKeyedByMerchantAndReadableAtOnce() {
    String customerId = uniqueId("member");
    HttpResponse<String> response =
        post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/v1/customers/" + customerId);
    assertThat(response.body()).contains("\"displayName\":\"Ada\"").contains("\"loyalty\":null");
    List<CustomerRegistered> published =
        IngestTestSupport.valuesWithKey(Topics.CUSTOMERS, DEV_MERCHANT + "/" + customerId);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getMerchantId()).isEqualTo(DEV_MERCHANT);
    assertThat(published.get(0).getEmailSha256()).isEqualTo(HASH);

    // Read-your-writes: the very next request finds the customer.
    HttpResponse<String> profile = get(port, "/v1/customers/" + customerId, DEV_KEY);
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.body())
        .contains("\"customerId\":\"" + customerId + "\"")
        .contains("\"country\":\"DE\"");
  }

  @Test
  void replayWithTheSameBodyAnswersTheFirstRegistrationAndPublishesNothing() {
    String customerId = uniqueId("replay");
    HttpResponse<String> first =
        post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));
    HttpResponse<String> replay =
        post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(IngestTestSupport.valuesWithKey(Topics.CUSTOMERS, DEV_MERCHANT + "/" + customerId))
        .hasSize(1);
  }

  @Test
  void sameCustomerIdWithAnotherBodyConflicts() {
    String customerId = uniqueId("conflict");
    assertThat(post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada")).statusCode())
        .isEqualTo(201);

    HttpResponse<String> other =
        post(port, "/v1/customers", DEV_KEY, registration(customerId, "Grace"));

    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(other.body()).contains("idempotency-conflict");
    assertThat(get(port, "/v1/customers/" + customerId, DEV_KEY).body()).contains("Ada");
  }

  @Test
  void anotherMerchantsCustomerWithTheSameIdIsAnotherMember() {
    String customerId = uniqueId("scoped");
    assertThat(post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada")).statusCode())
        .isEqualTo(201);

    assertThat(get(port, "/v1/customers/" + customerId, OTHER_KEY).statusCode()).isEqualTo(404);
    assertThat(
            post(port, "/v1/customers", OTHER_KEY, registration(customerId, "Grace")).statusCode())
        .isEqualTo(201);
    assertThat(get(port, "/v1/customers/" + customerId, OTHER_KEY).body()).contains("Grace");
    assertThat(get(port, "/v1/customers/" + customerId, DEV_KEY).body()).contains("Ada");
  }

  @Test
  void profileShowsTheBalanceLoyaltyPublished() {
    String customerId = uniqueId("balance");
    post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));
    Instant opened = Instant.parse("2026-12-01T05:00:00Z");
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(DEV_MERCHANT, customerId),
        LoyaltyBalance.newBuilder()
            .setCustomerId(customerId)
            .setMerchantId(DEV_MERCHANT)
            .setPoints(0)
            .setTier(LoyaltyTier.BRONZE)
            .setLifetimeSpendMinor(Map.of())
            .setLastChange(
                new LoyaltyChange(
                    LoyaltySource.REGISTRATION, DEV_MERCHANT + "/" + customerId, "", 0L, "XXX", 0L))
            .setUpdatedAt(opened)
            .build());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/customers/" + customerId, DEV_KEY).body())
                    .contains(
                        "\"loyalty\":{\"points\":0,\"reservedPoints\":0,\"tier\":\"BRONZE\""));
  }

  /** Points reserved for an unpaid order are shown beside the available ones, not in them. */
  @Test
  void profileShowsReservedPointsBesideTheAvailableOnes() {
    String customerId = uniqueId("reserved");
    post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));
    String orderId = uniqueId("redeeming");
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(DEV_MERCHANT, customerId),
        LoyaltyBalance.newBuilder()
            .setCustomerId(customerId)
            .setMerchantId(DEV_MERCHANT)
            .setPoints(120)
            .setReservedPoints(80)
            .setTier(LoyaltyTier.BRONZE)
            .setLifetimeSpendMinor(Map.of("EUR", 2000L))
            .setLastChange(
                new LoyaltyChange(LoyaltySource.RESERVATION, orderId, orderId, 0L, "EUR", -80L))
            .setUpdatedAt(Instant.parse("2026-12-02T05:00:00Z"))
            .build());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/customers/" + customerId, DEV_KEY).body())
                    .contains(
                        "\"loyalty\":{\"points\":120,\"reservedPoints\":80,\"tier\":\"BRONZE\""));
  }

  @Test
  void balanceAloneNeedsAnApiKey() {
    HttpResponse<String> response =
        get(port, "/v1/customers/" + uniqueId("anyone") + "/loyalty", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  /** The balance alone is the profile's {@code loyalty} object, field for field. */
  @Test
  void membersBalanceIsAnsweredAloneAsTheProfileShowsIt() {
    String customerId = uniqueId("own-balance");
    post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada"));
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(DEV_MERCHANT, customerId),
        balance(DEV_MERCHANT, customerId, 120, 80));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  get(port, "/v1/customers/" + customerId + "/loyalty", DEV_KEY);
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              JsonNode balance = JSON.readTree(response.body());
              assertThat(balance.get("points").asLong()).isEqualTo(120);
              assertThat(balance.get("reservedPoints").asLong()).isEqualTo(80);
              JsonNode profile =
                  JSON.readTree(get(port, "/v1/customers/" + customerId, DEV_KEY).body());
              assertThat(balance).isEqualTo(profile.get("loyalty"));
            });
  }

  /**
   * The same id registered by another merchant has a balance under that merchant's key: this
   * merchant may not read it, and once it registers the id too, it has its own (not yet open).
   */
  @Test
  void balanceOfACustomerRegisteredOnlyWithAnotherMerchantIsNotFound() {
    String customerId = uniqueId("theirs");
    assertThat(
            post(port, "/v1/customers", OTHER_KEY, registration(customerId, "Grace")).statusCode())
        .isEqualTo(201);
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(OTHER_MERCHANT, customerId),
        balance(OTHER_MERCHANT, customerId, 500, 0));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        get(port, "/v1/customers/" + customerId + "/loyalty", OTHER_KEY)
                            .statusCode())
                    .isEqualTo(200));

    HttpResponse<String> response = get(port, "/v1/customers/" + customerId + "/loyalty", DEV_KEY);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).contains("No such customer").doesNotContain("points");

    assertThat(post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> own = get(port, "/v1/customers/" + customerId + "/loyalty", DEV_KEY);
    assertThat(own.statusCode()).isEqualTo(404);
    assertThat(own.body()).contains("loyalty balance is not open yet").doesNotContain("500");
    assertThat(get(port, "/v1/customers/" + customerId, DEV_KEY).body())
        .contains("\"loyalty\":null");
  }

  @Test
  void balanceOfAnUnknownCustomerOrAnInvalidIdIsNotFound() {
    for (String customerId : List.of(uniqueId("nobody"), "x".repeat(129))) {
      HttpResponse<String> response =
          get(port, "/v1/customers/" + customerId + "/loyalty", DEV_KEY);

      assertThat(response.statusCode()).as(customerId).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(response.body()).contains("No such customer");
    }
  }

  @Test
  void balanceOfAMemberLoyaltyHasNotOpenedYetIsNotFoundAndSaysSo() {
    String customerId = uniqueId("not-open");
    assertThat(post(port, "/v1/customers", DEV_KEY, registration(customerId, "Ada")).statusCode())
        .isEqualTo(201);

    HttpResponse<String> response = get(port, "/v1/customers/" + customerId + "/loyalty", DEV_KEY);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body())
        .contains("loyalty balance is not open yet")
        .doesNotContain("No such customer");
  }

  static LoyaltyBalance balance(
      String merchantId, String customerId, long points, long reservedPoints) {
    return LoyaltyBalance.newBuilder()
        .setCustomerId(customerId)
        .setMerchantId(merchantId)
        .setPoints(points)
        .setReservedPoints(reservedPoints)
        .setTier(LoyaltyTier.SILVER)
        .setLifetimeSpendMinor(Map.of("EUR", 150_000L))
        .setTierSpendMinor(150_000L)
        .setLastChange(
            new LoyaltyChange(LoyaltySource.PAYMENT, "pay-" + customerId, "o-1", 0L, "EUR", 10L))
        .setUpdatedAt(Instant.parse("2026-12-03T05:00:00Z"))
        .build();
  }

  @Test
  void invalidOrUnknownFieldsAreRefusedAllAtOnce() {
    HttpResponse<String> response =
        post(
            port,
            "/v1/customers",
            DEV_KEY,
            """
            {"customerId": "a/b", "displayName": "", "email": "ada@example.com",
             "emailSha256": "ada@example.com", "country": "Germany"}
            """);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("\"customerId\"")
        .contains("\"displayName\"")
        .contains("\"email\"")
        .contains("\"emailSha256\"")
        .contains("\"country\"");
  }

  @Test
  void aCardNumberInAnyFieldIsRefusedWithoutBeingEchoed() {
    HttpResponse<String> response =
        post(
            port,
            "/v1/customers",
            DEV_KEY,
            registration(uniqueId("carded"), "Ada 4111 1111 1111 1111"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("card-number-in-request").doesNotContain("4111");
  }

  @Test
  void unknownCustomerIsNotFound() {
    assertThat(get(port, "/v1/customers/" + uniqueId("nobody"), DEV_KEY).statusCode())
        .isEqualTo(404);
  }
}
