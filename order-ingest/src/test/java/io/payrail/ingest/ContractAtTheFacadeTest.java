package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's rules as the facade applies them, end to end through HTTP. */
class ContractAtTheFacadeTest extends FacadeTestBase {

  private static final String PAN = "4111111111111111";

  @Test
  void orderIdsThatDifferOnlyInLetterCaseAreTwoOrders() {
    String upper = uniqueId("Case-ORDER");
    String lower = upper.toLowerCase(java.util.Locale.ROOT);

    HttpResponse<String> first =
        post(port, "/v1/orders", DEV_KEY, orderJson(upper, "c-upper", 3999, 1));
    HttpResponse<String> second =
        post(port, "/v1/orders", DEV_KEY, orderJson(lower, "c-lower", 3999, 1));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(get(port, "/v1/orders/" + upper, DEV_KEY).body())
        .contains("\"customerId\":\"c-upper\"");
    assertThat(get(port, "/v1/orders/" + lower, DEV_KEY).body())
        .contains("\"customerId\":\"c-lower\"");
    assertThat(orders(upper)).hasSize(1);
    assertThat(orders(lower)).hasSize(1);
  }

  @Test
  void refundIdsThatDifferOnlyInLetterCaseAreTwoRefunds() {
    String orderId = paidOrder("case-refunds");
    String refund =
        "{\"refundId\":\"%s\",\"amountMinor\":100,\"reason\":\"requested_by_customer\"}";

    assertThat(post(port, refunds(orderId), DEV_KEY, refund.formatted("RF-Case")).statusCode())
        .isEqualTo(202);
    assertThat(post(port, refunds(orderId), DEV_KEY, refund.formatted("rf-case")).statusCode())
        .isEqualTo(202);

    assertThat(refundRequests(orderId))
        .extracting(RefundRequested::getRefundId)
        .containsExactly("RF-Case", "rf-case");
  }

  @Test
  void theNextRefundOfAnOrderAtTheRefundCapIsRefused() {
    String orderId = paidOrder("refund-cap");
    OrderPlaced order = orders(orderId).get(0);
    List<RefundProcessed> refused = new ArrayList<>();
    for (int i = 0; i < ContractRules.MAX_REFUNDS_PER_ORDER; i++) {
      RefundProcessed refund = OrderApiTest.refund(order, "rf-" + i, 5_000, 0);
      refund.setStatus(RefundStatus.REJECTED);
      refund.setRejectionCode("exceeds_remaining");
      refused.add(refund);
    }
    IngestTestSupport.writeAll(Topics.REFUNDS, OrderKey.of(DEV_MERCHANT, orderId), refused);
    waitUntil(orderId, "\"refundId\":\"rf-" + (ContractRules.MAX_REFUNDS_PER_ORDER - 1) + "\"");

    HttpResponse<String> next =
        post(
            port,
            refunds(orderId),
            DEV_KEY,
            "{\"refundId\":\"rf-next\",\"amountMinor\":100,\"reason\":\"requested_by_customer\"}");

    ProblemResponsesTest.assertProblem(next, 409, "too-many-refunds");
    assertThat(refundRequests(orderId)).isEmpty();
  }

  @Test
  void aCardNumberAnywhereIsRefusedNamingTheFieldNeverTheNumber() {
    String orderId = uniqueId("card-fields");
    Map<String, String> bodies =
        Map.of(
            "customerId", orderJson(orderId).replace("customer-1", "c-4111.1111.1111.1111"),
            "items[1].sku",
                orderJson(orderId).replace("sku-2", "4111\u00a01111\u00a01111\u00a01111"),
            "paymentMethod.token", orderJson(orderId).replace("tok_abc", "tok_" + PAN + "9"),
            "orderId", orderJson(PAN),
            "paymentMethod.brand",
                orderJson(orderId)
                    .replace("\"visa\"", "\"\\u0664\\u0661\\u0661\\u0661" + "1".repeat(12) + "\""));
    bodies.forEach(
        (field, body) -> {
          HttpResponse<String> answer = post(port, "/v1/orders", DEV_KEY, body);
          ProblemResponsesTest.assertProblem(answer, 422, "card-number-in-request");
          assertThat(answer.body()).as(field).contains("\"field\":\"" + field + "\"");
          assertThat(answer.body().replaceAll("[^0-9]", "")).doesNotContain("4111111111111");
        });
    HttpResponse<String> inRefund =
        post(
            port,
            refunds(uniqueId("card-refund")),
            DEV_KEY,
            "{\"refundId\":\"r-1\",\"reason\":\"card 4111 1111 1111 1111 1\"}");
    ProblemResponsesTest.assertProblem(inRefund, 422, "card-number-in-request");
    assertThat(inRefund.body()).contains("\"field\":\"reason\"").doesNotContain("4111");
  }

  @Test
  void whatIsNotMoneyOrCannotBeReachedIsRefused() {
    for (String body :
        List.of(
            orderJson(uniqueId("xxx")).replace("\"EUR\"", "\"XXX\""),
            orderJson(uniqueId("xau")).replace("\"EUR\"", "\"XAU\""),
            orderJson(uniqueId("hrk")).replace("\"EUR\"", "\"HRK\""),
            orderJson(uniqueId("max"))
                .replace(
                    "\"amountMinor\":3999",
                    "\"amountMinor\":" + (ContractRules.MAX_AMOUNT_MINOR + 1)),
            orderJson("."),
            orderJson(".."))) {
      ProblemResponsesTest.assertProblem(
          post(port, "/v1/orders", DEV_KEY, body), 400, "validation-failed");
    }
  }

  @Test
  void theLargestLongIsNoAmount() {
    HttpResponse<String> answer =
        post(
            port,
            "/v1/orders",
            DEV_KEY,
            orderJson(uniqueId("long-max"))
                .replace("\"amountMinor\":3999", "\"amountMinor\":" + Long.MAX_VALUE));
    // Refused either as out of range or, since its digits pass Luhn, as a possible card number.
    assertThat(answer.statusCode()).isIn(400, 422);
  }

  private String paidOrder(String prefix) {
    String orderId = uniqueId(prefix);
    assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode()).isEqualTo(202);
    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        OrderApiTest.payment(orders(orderId).get(0), PaymentStatus.CAPTURED));
    waitUntil(orderId, "\"status\":\"PAID\"");
    return orderId;
  }

  private void waitUntil(String orderId, String fragment) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> get(port, "/v1/orders/" + orderId, DEV_KEY).body().contains(fragment));
  }

  private static String refunds(String orderId) {
    return "/v1/orders/" + orderId + "/refunds";
  }

  private static List<OrderPlaced> orders(String orderId) {
    return IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId));
  }

  private static List<RefundRequested> refundRequests(String orderId) {
    return IngestTestSupport.valuesWithKey(
        Topics.REFUND_REQUESTS, OrderKey.of(DEV_MERCHANT, orderId));
  }
}
