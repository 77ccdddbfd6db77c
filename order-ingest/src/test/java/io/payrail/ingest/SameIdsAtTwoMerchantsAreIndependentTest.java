package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.OTHER_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundRequested;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskDecision;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An orderId or a customerId is the merchant's own reference: two merchants using the same one get
 * two independent orders and two independent members, over the real facade and broker. Each finds,
 * replays, long-polls, reviews and refunds only its own order, and sees only its own customer's
 * loyalty balance; an order only the other merchant has is not found (404), never its data.
 */
class SameIdsAtTwoMerchantsAreIndependentTest extends FacadeTestBase {

  private static final String ORDER_ID = "1001";
  private static final String CUSTOMER_ID = "c-1";
  private static final Duration VIEW = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * 2 x 1500 + 1 x 999 = 3999 for the development merchant, 2 x 1500 + 2 x 999 = 4998 for the
   * other.
   */
  private static final String MINE = orderJson(ORDER_ID, CUSTOMER_ID, 3999, 1);

  private static final String THEIRS = orderJson(ORDER_ID, CUSTOMER_ID, 3999, 2);

  @Test
  void twoMerchantsUsingTheSameOrderIdAndCustomerIdGetTwoIndependentOutcomes() throws Exception {
    // Both accepted: neither is a replay of, nor a conflict with, the other's order.
    HttpResponse<String> mine = post(port, "/v1/orders", DEV_KEY, MINE);
    HttpResponse<String> theirs = post(port, "/v1/orders", OTHER_KEY, THEIRS);
    assertThat(mine.statusCode()).isEqualTo(202);
    assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(202);
    assertThat(mine.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();

    // Published once each, keyed by its own merchant's OrderKey.
    List<OrderPlaced> myOrders = orders(DEV_MERCHANT);
    List<OrderPlaced> theirOrders = orders(OTHER_MERCHANT);
    assertThat(myOrders).hasSize(1);
    assertThat(myOrders.get(0).getMerchantId()).isEqualTo(DEV_MERCHANT);
    assertThat(myOrders.get(0).getAmountMinor()).isEqualTo(3999);
    assertThat(theirOrders).hasSize(1);
    assertThat(theirOrders.get(0).getMerchantId()).isEqualTo(OTHER_MERCHANT);
    assertThat(theirOrders.get(0).getAmountMinor()).isEqualTo(4998);

    // Each GET answers its own order.
    JsonNode myStatus = status(DEV_KEY);
    JsonNode theirStatus = status(OTHER_KEY);
    assertThat(myStatus.get("orderId").stringValue()).isEqualTo(ORDER_ID);
    assertThat(myStatus.get("merchantId").stringValue()).isEqualTo(DEV_MERCHANT);
    assertThat(myStatus.get("order").get("amountMinor").longValue()).isEqualTo(3999);
    assertThat(theirStatus.get("orderId").stringValue()).isEqualTo(ORDER_ID);
    assertThat(theirStatus.get("merchantId").stringValue()).isEqualTo(OTHER_MERCHANT);
    assertThat(theirStatus.get("order").get("amountMinor").longValue()).isEqualTo(4998);

    // A re-POST is idempotent for its own merchant only: the same body replays that merchant's
    // first answer, the other merchant's body is a conflict with its own order.
    HttpResponse<String> myReplay = post(port, "/v1/orders", DEV_KEY, MINE);
    HttpResponse<String> theirReplay = post(port, "/v1/orders", OTHER_KEY, THEIRS);
    assertThat(myReplay.statusCode()).isEqualTo(202);
    assertThat(myReplay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(myReplay.body()).isEqualTo(mine.body()).contains("\"chargeMinor\":3999");
    assertThat(theirReplay.statusCode()).isEqualTo(202);
    assertThat(theirReplay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(theirReplay.body()).isEqualTo(theirs.body()).contains("\"chargeMinor\":4998");
    assertThat(post(port, "/v1/orders", DEV_KEY, THEIRS).statusCode()).isEqualTo(409);
    assertThat(post(port, "/v1/orders", OTHER_KEY, MINE).statusCode()).isEqualTo(409);
    assertThat(orders(DEV_MERCHANT)).hasSize(1);
    assertThat(orders(OTHER_MERCHANT)).hasSize(1);

    // The pipeline's outcomes reach only their own order: mine is paid, theirs held for review.
    OrderPlaced myOrder = myOrders.get(0);
    OrderPlaced theirOrder = theirOrders.get(0);
    IngestTestSupport.write(
        Topics.ORDER_RISK, key(DEV_MERCHANT), OrderApiTest.risk(myOrder, RiskDecision.APPROVE));
    IngestTestSupport.write(
        Topics.PAYMENTS, key(DEV_MERCHANT), OrderApiTest.payment(myOrder, PaymentStatus.CAPTURED));
    IngestTestSupport.write(
        Topics.ORDER_RISK, key(OTHER_MERCHANT), OrderApiTest.risk(theirOrder, RiskDecision.REVIEW));
    IngestTestSupport.write(
        Topics.PAYMENTS,
        key(OTHER_MERCHANT),
        OrderApiTest.payment(theirOrder, PaymentStatus.HELD_FOR_REVIEW));
    assertThat(longPoll(DEV_KEY, "PAID", "10s").headers().firstValue("Payrail-Wait-Outcome"))
        .contains("reached");
    await()
        .atMost(VIEW)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/orders/" + ORDER_ID, OTHER_KEY).body())
                    .contains("\"status\":\"HELD_FOR_REVIEW\""));
    // Long-polls wait on their own order: the other's payment does not satisfy this one.
    HttpResponse<String> theirPoll = longPoll(OTHER_KEY, "PAID", "300ms");
    assertThat(theirPoll.statusCode()).isEqualTo(200);
    assertThat(theirPoll.headers().firstValue("Payrail-Wait-Outcome")).contains("timeout");
    assertThat(JSON.readTree(theirPoll.body()).get("status").stringValue()).isEqualTo("IN_REVIEW");

    // Reviews: only the other merchant's order is held, and only it lists and decides it.
    assertThat(openReviews(DEV_KEY)).doesNotContain(ORDER_ID);
    assertThat(openReviews(OTHER_KEY)).contains(ORDER_ID);
    HttpResponse<String> myReview = review(DEV_KEY);
    assertThat(myReview.statusCode()).isEqualTo(409);
    assertThat(myReview.body()).contains("/problems/not-in-review");
    HttpResponse<String> theirReview = review(OTHER_KEY);
    assertThat(theirReview.statusCode()).as(theirReview.body()).isEqualTo(202);
    List<ReviewDecided> decisions = decisions(OTHER_MERCHANT);
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).getMerchantId()).isEqualTo(OTHER_MERCHANT);
    assertThat(decisions(DEV_MERCHANT)).isEmpty();

    // Refunds: mine is paid and refundable; theirs is not paid, whatever mine is.
    HttpResponse<String> myRefund = refund(DEV_KEY, ORDER_ID);
    assertThat(myRefund.statusCode()).as(myRefund.body()).isEqualTo(202);
    HttpResponse<String> theirRefund = refund(OTHER_KEY, ORDER_ID);
    assertThat(theirRefund.statusCode()).isEqualTo(409);
    assertThat(theirRefund.body()).contains("/problems/order-not-paid");
    List<RefundRequested> myRefunds =
        IngestTestSupport.valuesWithKey(Topics.REFUND_REQUESTS, key(DEV_MERCHANT));
    assertThat(myRefunds).hasSize(1);
    assertThat(myRefunds.get(0).getMerchantId()).isEqualTo(DEV_MERCHANT);
    assertThat(IngestTestSupport.valuesWithKey(Topics.REFUND_REQUESTS, key(OTHER_MERCHANT)))
        .isEmpty();

    // And the two rows are still each merchant's own.
    assertThat(status(DEV_KEY).get("status").stringValue()).isEqualTo("PAID");
    assertThat(status(DEV_KEY).get("order").get("amountMinor").longValue()).isEqualTo(3999);
    assertThat(status(OTHER_KEY).get("order").get("amountMinor").longValue()).isEqualTo(4998);
  }

  @Test
  void anOrderOnlyTheOtherMerchantHasIsNotFoundForAnyCall() {
    String onlyMine = "1002";
    assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(onlyMine)).statusCode()).isEqualTo(202);
    assertThat(get(port, "/v1/orders/" + onlyMine, DEV_KEY).statusCode()).isEqualTo(200);

    List<HttpResponse<String>> theirs =
        List.of(
            get(port, "/v1/orders/" + onlyMine, OTHER_KEY),
            get(port, "/v1/orders/" + onlyMine + "?waitFor=RECEIVED&timeout=1s", OTHER_KEY),
            post(
                port,
                "/v1/orders/" + onlyMine + "/review",
                OTHER_KEY,
                "{\"decision\":\"REJECT\",\"reviewer\":\"reviewer-7\"}"),
            refund(OTHER_KEY, onlyMine));
    for (HttpResponse<String> answer : theirs) {
      assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
      assertThat(answer.body())
          .contains("/problems/not-found")
          .doesNotContain(DEV_MERCHANT)
          .doesNotContain("3999");
    }
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REVIEW_DECISIONS, OrderKey.of(OTHER_MERCHANT, onlyMine)))
        .isEmpty();
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REFUND_REQUESTS, OrderKey.of(OTHER_MERCHANT, onlyMine)))
        .isEmpty();
  }

  @Test
  void eachMerchantsCustomerWithTheSameIdShowsOnlyItsOwnLoyaltyBalance() {
    String member =
        """
        {"customerId": "%s", "displayName": "%s", "emailSha256": "%s", "country": "DE"}
        """;
    assertThat(
            post(
                    port,
                    "/v1/customers",
                    DEV_KEY,
                    member.formatted(CUSTOMER_ID, "Ada", "3".repeat(64)))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(
                    port,
                    "/v1/customers",
                    OTHER_KEY,
                    member.formatted(CUSTOMER_ID, "Grace", "ab".repeat(32)))
                .statusCode())
        .isEqualTo(201);
    // As loyalty-streams publishes them: one balance per merchantId/customerId.
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(DEV_MERCHANT, CUSTOMER_ID),
        balance(DEV_MERCHANT, 120, LoyaltyTier.BRONZE));
    IngestTestSupport.write(
        Topics.LOYALTY_BALANCES,
        CustomerKey.of(OTHER_MERCHANT, CUSTOMER_ID),
        balance(OTHER_MERCHANT, 7000, LoyaltyTier.GOLD));

    await()
        .atMost(VIEW)
        .untilAsserted(
            () -> {
              JsonNode mine = loyalty(DEV_KEY);
              JsonNode theirs = loyalty(OTHER_KEY);
              assertThat(mine.get("points").longValue()).isEqualTo(120);
              assertThat(mine.get("tier").stringValue()).isEqualTo("BRONZE");
              assertThat(theirs.get("points").longValue()).isEqualTo(7000);
              assertThat(theirs.get("tier").stringValue()).isEqualTo("GOLD");
            });
    JsonNode myProfile = JSON.readTree(get(port, "/v1/customers/" + CUSTOMER_ID, DEV_KEY).body());
    JsonNode theirProfile =
        JSON.readTree(get(port, "/v1/customers/" + CUSTOMER_ID, OTHER_KEY).body());
    assertThat(myProfile.get("displayName").stringValue()).isEqualTo("Ada");
    assertThat(myProfile.get("loyalty").get("points").longValue()).isEqualTo(120);
    assertThat(theirProfile.get("displayName").stringValue()).isEqualTo("Grace");
    assertThat(theirProfile.get("loyalty").get("points").longValue()).isEqualTo(7000);
  }

  private static String key(String merchantId) {
    return OrderKey.of(merchantId, ORDER_ID);
  }

  private static List<OrderPlaced> orders(String merchantId) {
    return IngestTestSupport.valuesWithKey(Topics.ORDERS, key(merchantId));
  }

  private static List<ReviewDecided> decisions(String merchantId) {
    return IngestTestSupport.valuesWithKey(Topics.REVIEW_DECISIONS, key(merchantId));
  }

  private JsonNode status(String apiKey) {
    HttpResponse<String> answer = get(port, "/v1/orders/" + ORDER_ID, apiKey);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> longPoll(String apiKey, String state, String timeout) {
    return get(
        port, "/v1/orders/" + ORDER_ID + "?waitFor=" + state + "&timeout=" + timeout, apiKey);
  }

  /** Every orderId in the merchant's open reviews, all pages. */
  private List<String> openReviews(String apiKey) {
    List<String> orderIds = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> answer =
          get(
              port,
              "/v1/reviews?status=open&limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
              apiKey);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(answer.body());
      page.get("reviews").forEach(review -> orderIds.add(review.get("orderId").stringValue()));
      cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
    } while (cursor != null);
    return orderIds;
  }

  private HttpResponse<String> review(String apiKey) {
    return post(
        port,
        "/v1/orders/" + ORDER_ID + "/review",
        apiKey,
        "{\"decision\":\"APPROVE\",\"reviewer\":\"reviewer-7\"}");
  }

  private HttpResponse<String> refund(String apiKey, String orderId) {
    return post(
        port,
        "/v1/orders/" + orderId + "/refunds",
        apiKey,
        "{\"refundId\":\"rf-1\",\"amountMinor\":500,\"reason\":\"requested_by_customer\"}");
  }

  private JsonNode loyalty(String apiKey) {
    HttpResponse<String> answer = get(port, "/v1/customers/" + CUSTOMER_ID + "/loyalty", apiKey);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static LoyaltyBalance balance(String merchantId, long points, LoyaltyTier tier) {
    return LoyaltyBalance.newBuilder()
        .setCustomerId(CUSTOMER_ID)
        .setMerchantId(merchantId)
        .setPoints(points)
        .setTier(tier)
        .setLifetimeSpendMinor(Map.of("EUR", points * 100))
        .setTierSpendMinor(points * 100)
        .setLastChange(
            new LoyaltyChange(LoyaltySource.PAYMENT, "pay-" + merchantId, ORDER_ID, 0L, "EUR", 10L))
        .setUpdatedAt(Instant.parse("2026-12-03T05:00:00Z"))
        .build();
  }
}
