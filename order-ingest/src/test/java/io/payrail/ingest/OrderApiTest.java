package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class OrderApiTest extends FacadeTestBase {

  @Test
  void acceptedOrderIsPublishedOnceAndReadableAtOnce() {
    String orderId = uniqueId("accept");
    HttpResponse<String> response = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).contains("/v1/orders/" + orderId);
    assertThat(response.body()).contains("\"status\":\"RECEIVED\"");
    List<OrderPlaced> published = ordersWithKey(orderId);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getMerchantId()).isEqualTo(IngestTestSupport.DEV_MERCHANT);
    assertThat(published.get(0).getAmountMinor()).isEqualTo(3999);

    // Read-your-writes: the very next request finds the order.
    HttpResponse<String> status = get(port, "/v1/orders/" + orderId, DEV_KEY);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"status\":\"RECEIVED\"").contains(orderId);
  }

  @Test
  void replayWithSameBodyAnswersTheSameAndPublishesNothing() {
    String orderId = uniqueId("replay");
    HttpResponse<String> first = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    HttpResponse<String> replay = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(replay.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(ordersWithKey(orderId)).hasSize(1);
  }

  @Test
  void sameOrderIdWithAnotherBodyConflicts() {
    String orderId = uniqueId("conflict");
    assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode()).isEqualTo(202);

    HttpResponse<String> other =
        post(port, "/v1/orders", DEV_KEY, orderJson(orderId, "customer-2", 3999, 1));

    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(other.body()).contains("https://payrail.io/problems/idempotency-conflict");
    assertThat(ordersWithKey(orderId)).hasSize(1);
  }

  @Test
  void concurrentIdenticalSubmissionsPublishOnce() throws Exception {
    String orderId = uniqueId("concurrent");
    List<HttpResponse<String>> answers = postConcurrently(orderId, i -> orderJson(orderId));

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
    assertThat(answers)
        .filteredOn(a -> a.headers().firstValue("Idempotent-Replayed").isEmpty())
        .as("exactly one submission was published")
        .hasSize(1);
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
    assertThat(ordersWithKey(orderId)).hasSize(1);
  }

  @Test
  void concurrentConflictingSubmissionsPublishTheFirstAndRejectTheOther() throws Exception {
    String orderId = uniqueId("race");
    List<String> customers = List.of("customer-a", "customer-b");
    List<HttpResponse<String>> answers =
        postConcurrently(orderId, i -> orderJson(orderId, customers.get(i % 2), 3999, 1));

    List<OrderPlaced> published = ordersWithKey(orderId);
    assertThat(published).hasSize(1);
    String winner = published.get(0).getCustomerId();
    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).statusCode())
          .as("submission %d by %s", i, customers.get(i % 2))
          .isEqualTo(customers.get(i % 2).equals(winner) ? 202 : 409);
    }
  }

  @Test
  void statusFollowsRiskPaymentAndRefunds() {
    String orderId = uniqueId("follow");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    OrderPlaced order = ordersWithKey(orderId).get(0);

    IngestTestSupport.write(
        Topics.ORDER_RISK, OrderKey.of(DEV_MERCHANT, orderId), risk(order, RiskDecision.APPROVE));
    assertThat(waitFor(orderId, "APPROVED").body()).contains("\"score\":12");

    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        payment(order, PaymentStatus.CAPTURED));
    assertThat(waitFor(orderId, "PAID").body()).contains("\"status\":\"PAID\"");

    IngestTestSupport.write(
        Topics.REFUNDS, OrderKey.of(DEV_MERCHANT, orderId), refund(order, "r1", 1000, 1000));
    assertThat(waitFor(orderId, "PARTIALLY_REFUNDED").body()).contains("\"refundedMinor\":1000");

    IngestTestSupport.write(
        Topics.REFUNDS, OrderKey.of(DEV_MERCHANT, orderId), refund(order, "r2", 2999, 3999));
    HttpResponse<String> refunded = waitFor(orderId, "REFUNDED");
    assertThat(refunded.body())
        .contains("\"status\":\"REFUNDED\"")
        .containsSubsequence("RECEIVED", "APPROVED", "PAID", "PARTIALLY_REFUNDED", "REFUNDED");
  }

  @Test
  void longPollReturnsWhenTheStatusChanges() throws Exception {
    String orderId = uniqueId("longpoll");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    OrderPlaced order = ordersWithKey(orderId).get(0);

    CompletableFuture<HttpResponse<String>> poll =
        CompletableFuture.supplyAsync(
            () -> get(port, "/v1/orders/" + orderId + "?waitFor=APPROVED&timeout=20s", DEV_KEY));
    // The poll is parked until the risk decision arrives.
    assertThat(poll).isNotDone();
    IngestTestSupport.write(
        Topics.ORDER_RISK, OrderKey.of(DEV_MERCHANT, orderId), risk(order, RiskDecision.APPROVE));

    HttpResponse<String> answer = poll.get(15, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Payrail-Wait-Outcome")).contains("reached");
    assertThat(answer.body()).contains("\"status\":\"APPROVED\"");
  }

  @Test
  void longPollTimeoutAnswersTheCurrentStatus() {
    String orderId = uniqueId("timeout");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    HttpResponse<String> answer =
        get(port, "/v1/orders/" + orderId + "?waitFor=PAID&timeout=300ms", DEV_KEY);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Payrail-Wait-Outcome")).contains("timeout");
    assertThat(answer.body()).contains("\"status\":\"RECEIVED\"");
  }

  @Test
  void refundOfPaidOrderPublishesRefundRequested() {
    String orderId = uniqueId("refund");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    OrderPlaced order = ordersWithKey(orderId).get(0);
    String body =
        "{\"refundId\":\"rf-1\",\"amountMinor\":500,\"reason\":\"requested_by_customer\"}";

    assertThat(post(port, "/v1/orders/" + orderId + "/refunds", DEV_KEY, body).statusCode())
        .as("not paid yet")
        .isEqualTo(409);
    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        payment(order, PaymentStatus.CAPTURED));
    waitFor(orderId, "PAID");

    HttpResponse<String> tooMuch =
        post(
            port,
            "/v1/orders/" + orderId + "/refunds",
            DEV_KEY,
            "{\"refundId\":\"rf-2\",\"amountMinor\":4000,\"reason\":\"x\"}");
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(tooMuch.body()).contains("refund-exceeds-remaining");

    HttpResponse<String> accepted = post(port, "/v1/orders/" + orderId + "/refunds", DEV_KEY, body);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.headers().firstValue("Location")).contains("/v1/orders/" + orderId);

    List<RefundRequested> requests =
        IngestTestSupport.valuesWithKey(Topics.REFUND_REQUESTS, OrderKey.of(DEV_MERCHANT, orderId));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getRefundId()).isEqualTo("rf-1");
    assertThat(requests.get(0).getAmountMinor()).isEqualTo(500L);
    assertThat(requests.get(0).getMerchantId()).isEqualTo(IngestTestSupport.DEV_MERCHANT);
    assertThat(
            post(port, "/v1/orders/" + uniqueId("nope") + "/refunds", DEV_KEY, body).statusCode())
        .isEqualTo(404);
  }

  @Test
  void callsWithoutAValidKeyAreUnauthorized() {
    String orderId = uniqueId("auth");
    HttpResponse<String> noKey = post(port, "/v1/orders", null, orderJson(orderId));
    HttpResponse<String> badKey = post(port, "/v1/orders", "pk_wrong", orderJson(orderId));

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(badKey.statusCode()).isEqualTo(401);
    assertThat(noKey.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(ordersWithKey(orderId)).isEmpty();
  }

  @Test
  void anotherMerchantsOrderIsNotFound() {
    String orderId = uniqueId("mine");
    post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    HttpResponse<String> theirs = get(port, "/v1/orders/" + orderId, OTHER_KEY);

    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(theirs.body()).contains("https://payrail.io/problems/not-found");
    assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).statusCode()).isEqualTo(200);
  }

  /** The order body of {@link IngestTestSupport#orderJson} (3999 EUR) with pointsToRedeem. */
  static String orderWithPoints(String orderId, String points) {
    return orderJson(orderId)
        .replace("\"channel\":\"WEB\"}", "\"channel\":\"WEB\",\"pointsToRedeem\":" + points + "}");
  }

  @Test
  void orderRedeemingPointsIsPublishedWithThemAndAnswersTheReducedCharge() {
    String orderId = uniqueId("points");

    HttpResponse<String> accepted =
        post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "500"));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body())
        .contains("\"pointsToRedeem\":500")
        .contains("\"chargeMinor\":3499")
        .doesNotContain("\"coupon\"");
    List<OrderPlaced> published = ordersWithKey(orderId);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getPointsToRedeem()).isEqualTo(500L);
    assertThat(published.get(0).getAmountMinor()).isEqualTo(3999);
    assertThat(published.get(0).getCoupon()).isNull();
    HttpResponse<String> status = get(port, "/v1/orders/" + orderId, DEV_KEY);
    assertThat(status.body()).contains("\"pointsToRedeem\":500").contains("\"chargeMinor\":3499");
  }

  @Test
  void orderWithoutPointsShowsNoneAndIsChargedItsTotal() {
    String orderId = uniqueId("no-points");

    HttpResponse<String> accepted = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    assertThat(accepted.body()).contains("\"chargeMinor\":3999").doesNotContain("pointsToRedeem");
    assertThat(ordersWithKey(orderId).get(0).getPointsToRedeem()).isNull();
  }

  @Test
  void pointsWorthTheWholeChargeAreRefusedWith422AndNothingIsPublished() {
    // 3999 points leave 0 to charge; 3998 would leave 1, the least a payment charges.
    for (String points : List.of("3999", "4000", "999999999999")) {
      String orderId = uniqueId("too-many-points");

      HttpResponse<String> refused =
          post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, points));

      assertThat(refused.statusCode()).as(points).isEqualTo(422);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(refused.body())
          .contains("https://payrail.io/problems/points-exceed-charge")
          .contains("\"field\":\"pointsToRedeem\"")
          .contains("at most 3998 points");
      assertThat(ordersWithKey(orderId)).isEmpty();
      assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).statusCode()).isEqualTo(404);
    }
    String orderId = uniqueId("most-points");
    HttpResponse<String> most = post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "3998"));
    assertThat(most.statusCode()).isEqualTo(202);
    assertThat(most.body()).contains("\"chargeMinor\":1");
  }

  @Test
  void zeroNegativeFractionalOrTextPointsAreValidationErrors() {
    for (String points : List.of("0", "-5", "1.5", "\"100\"", "1000000000000", "true")) {
      String orderId = uniqueId("bad-points");

      HttpResponse<String> refused =
          post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, points));

      assertThat(refused.statusCode()).as(points).isEqualTo(400);
      assertThat(refused.body())
          .contains("https://payrail.io/problems/validation-failed")
          .contains("\"field\":\"pointsToRedeem\"");
      assertThat(ordersWithKey(orderId)).isEmpty();
    }
    // A misspelt field is refused, not dropped: a payment must not silently skip the points.
    HttpResponse<String> misspelt =
        post(
            port,
            "/v1/orders",
            DEV_KEY,
            orderJson(uniqueId("typo"))
                .replace("\"channel\":\"WEB\"}", "\"channel\":\"WEB\",\"pointsToRedem\":5}"));
    assertThat(misspelt.statusCode()).isEqualTo(400);
    assertThat(misspelt.body()).contains("\"field\":\"pointsToRedem\"").contains("unknown field");
  }

  @Test
  void sameOrderIdWithOtherPointsConflictsAndTheSamePointsReplay() {
    String orderId = uniqueId("points-replay");
    HttpResponse<String> first = post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "100"));

    HttpResponse<String> replay =
        post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "100"));
    HttpResponse<String> otherPoints =
        post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "101"));
    HttpResponse<String> withoutPoints = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(replay.body()).isEqualTo(first.body()).contains("\"chargeMinor\":3899");
    assertThat(otherPoints.statusCode()).isEqualTo(409);
    assertThat(otherPoints.body()).contains("https://payrail.io/problems/idempotency-conflict");
    assertThat(withoutPoints.statusCode()).isEqualTo(409);
    assertThat(ordersWithKey(orderId)).hasSize(1);
  }

  @Test
  void statusShowsThePointsRedeemedOnceThePaymentIsProcessed() {
    String orderId = uniqueId("points-paid");
    post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "600"));
    OrderPlaced order = ordersWithKey(orderId).get(0);

    IngestTestSupport.write(
        Topics.ORDER_RISK, OrderKey.of(DEV_MERCHANT, orderId), risk(order, RiskDecision.APPROVE));
    // Waiting for loyalty's reservation is not published: the order stays APPROVED meanwhile.
    assertThat(waitFor(orderId, "APPROVED").body()).contains("\"pointsToRedeem\":600");
    PaymentProcessed captured = payment(order, PaymentStatus.CAPTURED);
    captured.setAmountMinor(3999 - 600);
    captured.setPointsRedeemed(600);
    IngestTestSupport.write(Topics.PAYMENTS, OrderKey.of(DEV_MERCHANT, orderId), captured);

    HttpResponse<String> paid = waitFor(orderId, "PAID");
    assertThat(paid.body())
        .contains("\"pointsRedeemed\":600")
        .contains("\"amountMinor\":3399")
        .contains("\"chargeMinor\":3399");
  }

  @Test
  void pointsLoyaltyRefusedShowAsThePaymentsDecline() {
    String orderId = uniqueId("points-refused");
    post(port, "/v1/orders", DEV_KEY, orderWithPoints(orderId, "700"));
    OrderPlaced order = ordersWithKey(orderId).get(0);
    IngestTestSupport.write(
        Topics.ORDER_RISK, OrderKey.of(DEV_MERCHANT, orderId), risk(order, RiskDecision.APPROVE));
    PaymentProcessed declined = payment(order, PaymentStatus.DECLINED);
    declined.setAmountMinor(3999 - 700);
    declined.setPointsRedeemed(700);
    declined.setDeclineCode(ContractRules.POINTS_UNAVAILABLE);
    IngestTestSupport.write(Topics.PAYMENTS, OrderKey.of(DEV_MERCHANT, orderId), declined);

    HttpResponse<String> status = waitFor(orderId, "PAYMENT_DECLINED");
    assertThat(status.body())
        .contains("\"status\":\"PAYMENT_DECLINED\"")
        .contains("\"declineCode\":\"points_unavailable\"")
        .contains("\"pointsRedeemed\":700");
  }

  private HttpResponse<String> waitFor(String orderId, String status) {
    HttpResponse<String> answer =
        get(port, "/v1/orders/" + orderId + "?waitFor=" + status + "&timeout=10s", DEV_KEY);
    assertThat(answer.headers().firstValue("Payrail-Wait-Outcome")).contains("reached");
    return answer;
  }

  /** Eight POSTs of one orderId, released together; bodies by index. */
  private List<HttpResponse<String>> postConcurrently(String orderId, IntFunction<String> body)
      throws Exception {
    int count = 8;
    ExecutorService clients = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String json = body.apply(i);
        calls.add(
            clients.submit(
                () -> {
                  start.await();
                  return post(port, "/v1/orders", DEV_KEY, json);
                }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> call : calls) {
        answers.add(call.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      clients.shutdownNow();
    }
  }

  private List<OrderPlaced> ordersWithKey(String orderId) {
    return IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId));
  }

  static RiskAssessed risk(OrderPlaced order, RiskDecision decision) {
    return RiskAssessed.newBuilder()
        .setOrder(order)
        .setScore(12)
        .setDecision(decision)
        .setReasons(List.of(new RiskReason("velocity_1m", 12, "3 orders in 1 minute > 2")))
        .setRulesVersion("test-1")
        .setAssessedAt(Instant.now())
        .build();
  }

  static PaymentProcessed payment(OrderPlaced order, PaymentStatus status) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay-" + order.getOrderId())
        .setOrderId(order.getOrderId())
        .setCustomerId(order.getCustomerId())
        .setMerchantId(order.getMerchantId())
        .setAmountMinor(order.getAmountMinor())
        .setCurrency(order.getCurrency())
        .setStatus(status)
        .setProcessedAt(Instant.now())
        .build();
  }

  static RefundProcessed refund(OrderPlaced order, String refundId, long amount, long total) {
    return RefundProcessed.newBuilder()
        .setRefundId(refundId)
        .setOrderId(order.getOrderId())
        .setCustomerId(order.getCustomerId())
        .setMerchantId(order.getMerchantId())
        .setAmountMinor(amount)
        .setCurrency(order.getCurrency())
        .setStatus(RefundStatus.COMPLETED)
        .setReason("requested_by_customer")
        .setRefundedTotalMinor(total)
        .setCapturedAmountMinor(order.getAmountMinor())
        .setProcessedAt(Instant.now())
        .build();
  }
}
