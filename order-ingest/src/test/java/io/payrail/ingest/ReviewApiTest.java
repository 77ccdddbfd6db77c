package io.payrail.ingest;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.NO_SCOPES_KEY;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.REVIEWS_READ_ONLY_KEY;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.query.Position;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review queue over real HTTP and the in-process broker: held orders (seeded as risk-streams
 * and payment-processor write them) are listed per merchant, oldest first and paged; a decision is
 * published once, shown at once, and only the first one counts; scopes guard both calls.
 */
class ReviewApiTest extends FacadeTestBase {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration VIEW = Duration.ofSeconds(30);

  @Autowired ProcessedOffsets statusViewProgress;

  @Test
  void aHeldOrderIsListedWithItsRiskForItsMerchantOnly() {
    Instant heldAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    OrderPlaced order = held(uniqueId("listed"), heldAt);

    JsonNode listed = awaitListed(DEV_KEY, order.getOrderId());
    assertThat(listed.get("customerId").stringValue()).isEqualTo("customer-1");
    assertThat(listed.get("amountMinor").longValue()).isEqualTo(3999);
    assertThat(listed.get("currency").stringValue()).isEqualTo("EUR");
    assertThat(listed.get("score").intValue()).isEqualTo(55);
    assertThat(listed.get("reasons").get(0).get("rule").stringValue()).isEqualTo("amount_high");
    // When the view saw it held: risk's REVIEW, or the ledger's hold 5 ms later if read first.
    assertThat(Instant.parse(listed.get("heldAt").stringValue()))
        .isBetween(heldAt, heldAt.plusMillis(5));

    assertThat(allOpen(OTHER_KEY)).noneMatch(r -> r.equals(order.getOrderId()));
    HttpResponse<String> theirs = decide(OTHER_KEY, order.getOrderId(), "APPROVE", null);
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(theirs.body()).contains("/problems/not-found");
  }

  @Test
  void pagesAreOldestFirstAndTheCursorContinuesWhereThePageEnded() {
    Instant base = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Placed newest first, so the list's order is heldAt's, not the arrival's.
      mine.add(0, held(uniqueId("paged"), base.plusSeconds(2 - i)).getOrderId());
    }
    for (String orderId : mine) {
      awaitListed(DEV_KEY, orderId);
    }

    List<String> seen = new ArrayList<>();
    List<Instant> heldAts = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = page(DEV_KEY, 2, cursor);
      assertThat(page.get("reviews").size()).isLessThanOrEqualTo(2);
      page.get("reviews")
          .forEach(
              review -> {
                seen.add(review.get("orderId").stringValue());
                heldAts.add(Instant.parse(review.get("heldAt").stringValue()));
              });
      cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
      pages++;
    } while (cursor != null && pages < 1000);

    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(seen).doesNotHaveDuplicates().containsSubsequence(mine);
    assertThat(heldAts).isSorted();
  }

  @Test
  void anApprovalIsPublishedShownAtOnceAndOnlyTheFirstDecisionCounts() {
    OrderPlaced order = held(uniqueId("approve"), Instant.now());
    String orderId = order.getOrderId();
    awaitListed(DEV_KEY, orderId);

    HttpResponse<String> accepted = decide(DEV_KEY, orderId, "APPROVE", "Customer confirmed");
    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonNode answer = JSON.readTree(accepted.body());
    assertThat(answer.get("orderId").stringValue()).isEqualTo(orderId);
    assertThat(answer.get("decision").stringValue()).isEqualTo("APPROVE");
    assertThat(answer.get("status").stringValue()).isEqualTo("APPROVED");
    String decisionId = answer.get("decisionId").stringValue();

    // Read-your-writes: the very next GET shows the decision, and the list no longer has it.
    JsonNode status = JSON.readTree(get(port, "/v1/orders/" + orderId, DEV_KEY).body());
    assertThat(status.get("status").stringValue()).isEqualTo("APPROVED");
    assertThat(status.get("review").get("decision").stringValue()).isEqualTo("APPROVE");
    assertThat(status.get("review").get("decisionId").stringValue()).isEqualTo(decisionId);
    assertThat(status.get("review").get("reviewer").stringValue()).isEqualTo("reviewer-7");
    assertThat(status.get("review").get("note").stringValue()).isEqualTo("Customer confirmed");
    assertThat(status.get("review").get("decidedAt").isNull()).isFalse();
    assertThat(allOpen(DEV_KEY)).doesNotContain(orderId);

    List<ReviewDecided> published =
        IngestTestSupport.valuesWithKey(
            Topics.REVIEW_DECISIONS, OrderKey.of(DEV_MERCHANT, orderId));
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getMerchantId()).isEqualTo(IngestTestSupport.DEV_MERCHANT);
    assertThat(published.get(0).getDecisionId()).isEqualTo(decisionId);
    assertThat(published.get(0).getDecision()).isEqualTo(ReviewOutcome.APPROVE);

    HttpResponse<String> repeat = decide(DEV_KEY, orderId, "APPROVE", null);
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(repeat.body()).get("decisionId").stringValue()).isEqualTo(decisionId);
    HttpResponse<String> other = decide(DEV_KEY, orderId, "REJECT", null);
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.body()).contains("/problems/review-closed");
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REVIEW_DECISIONS, OrderKey.of(DEV_MERCHANT, orderId)))
        .hasSize(1);

    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        payment(order, PaymentStatus.CAPTURED));
    awaitStatus(orderId, "PAID");
  }

  @Test
  void aRejectionEndsRejectedByReviewAndALateHoldDoesNotReplaceIt() {
    OrderPlaced order = held(uniqueId("reject"), Instant.now());
    String orderId = order.getOrderId();
    awaitListed(DEV_KEY, orderId);

    HttpResponse<String> accepted = decide(DEV_KEY, orderId, "REJECT", null);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).get("status").stringValue())
        .isEqualTo("REJECTED_BY_REVIEW");
    assertThat(
            JSON.readTree(get(port, "/v1/orders/" + orderId, DEV_KEY).body())
                .get("status")
                .stringValue())
        .isEqualTo("REJECTED_BY_REVIEW");

    PaymentProcessed rejected = payment(order, PaymentStatus.REJECTED_BY_REVIEW);
    rejected.setDeclineCode("review_rejected");
    IngestTestSupport.write(Topics.PAYMENTS, OrderKey.of(DEV_MERCHANT, orderId), rejected);
    await()
        .atMost(VIEW)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).body())
                    .contains("\"declineCode\":\"review_rejected\""));

    processed(
        IngestTestSupport.writeOne(
            Topics.PAYMENTS,
            OrderKey.of(DEV_MERCHANT, orderId),
            payment(order, PaymentStatus.HELD_FOR_REVIEW)));
    JsonNode status = JSON.readTree(get(port, "/v1/orders/" + orderId, DEV_KEY).body());
    assertThat(status.get("status").stringValue()).isEqualTo("REJECTED_BY_REVIEW");
    assertThat(status.get("payment").get("status").stringValue()).isEqualTo("REJECTED_BY_REVIEW");
    assertThat(allOpen(DEV_KEY)).doesNotContain(orderId);
  }

  @Test
  void anExpiredHoldIsRejectedByReviewAndClosedToReviewers() {
    OrderPlaced order = held(uniqueId("expired"), Instant.now());
    String orderId = order.getOrderId();
    awaitListed(DEV_KEY, orderId);
    IngestTestSupport.write(
        Topics.REVIEW_DECISIONS,
        OrderKey.of(DEV_MERCHANT, orderId),
        ReviewDecided.newBuilder()
            .setDecisionId("expire-" + orderId)
            .setOrderId(orderId)
            .setMerchantId(order.getMerchantId())
            .setDecision(ReviewOutcome.EXPIRE)
            .setReviewer("payrail-hold-expiry")
            .setNote(null)
            .setDecidedAt(Instant.now())
            .build());
    awaitStatus(orderId, "REJECTED_BY_REVIEW");

    for (String decision : List.of("APPROVE", "REJECT")) {
      HttpResponse<String> late = decide(DEV_KEY, orderId, decision, null);
      assertThat(late.statusCode()).as(decision).isEqualTo(409);
      assertThat(late.body()).contains("/problems/review-closed");
    }
  }

  @Test
  void anOrderNeverHeldIsNotInReviewAndAnUnknownOneIsNotFound() {
    String orderId = uniqueId("paid");
    assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode()).isEqualTo(202);
    OrderPlaced order =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)).get(0);
    IngestTestSupport.write(
        Topics.ORDER_RISK,
        OrderKey.of(DEV_MERCHANT, orderId),
        risk(order, RiskDecision.APPROVE, Instant.now()));
    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        payment(order, PaymentStatus.CAPTURED));
    awaitStatus(orderId, "PAID");

    HttpResponse<String> notHeld = decide(DEV_KEY, orderId, "APPROVE", null);
    assertThat(notHeld.statusCode()).isEqualTo(409);
    assertThat(notHeld.body()).contains("/problems/not-in-review");

    HttpResponse<String> unknown = decide(DEV_KEY, uniqueId("unknown"), "APPROVE", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REVIEW_DECISIONS, OrderKey.of(DEV_MERCHANT, orderId)))
        .isEmpty();
  }

  @Test
  void badBodiesAndParametersAreClientErrorsThatNeverEchoACardNumber() {
    String orderId = held(uniqueId("bad"), Instant.now()).getOrderId();
    String path = "/v1/orders/" + orderId + "/review";

    HttpResponse<String> noReviewer = post(port, path, DEV_KEY, "{\"decision\":\"APPROVE\"}");
    assertThat(noReviewer.statusCode()).isEqualTo(400);
    assertThat(noReviewer.body()).contains("/problems/validation-failed").contains("reviewer");
    HttpResponse<String> expire =
        post(port, path, DEV_KEY, "{\"decision\":\"EXPIRE\",\"reviewer\":\"reviewer-7\"}");
    assertThat(expire.statusCode()).isEqualTo(400);
    assertThat(expire.body()).contains("decision");
    HttpResponse<String> unknownField =
        post(
            port,
            path,
            DEV_KEY,
            "{\"decision\":\"APPROVE\",\"reviewer\":\"reviewer-7\",\"email\":\"x@y.z\"}");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(unknownField.body()).contains("email");
    HttpResponse<String> badReviewer =
        post(port, path, DEV_KEY, "{\"decision\":\"REJECT\",\"reviewer\":\"Jane Doe <jane@x>\"}");
    assertThat(badReviewer.statusCode()).isEqualTo(400);
    HttpResponse<String> longNote =
        post(
            port,
            path,
            DEV_KEY,
            "{\"decision\":\"REJECT\",\"reviewer\":\"r-1\",\"note\":\"" + "n".repeat(501) + "\"}");
    assertThat(longNote.statusCode()).isEqualTo(400);
    assertThat(longNote.body()).contains("note");
    assertThat(post(port, path, DEV_KEY, "[1]").statusCode()).isEqualTo(400);
    assertThat(post(port, path, DEV_KEY, "{").statusCode()).isEqualTo(400);

    HttpResponse<String> card =
        post(
            port,
            path,
            DEV_KEY,
            "{\"decision\":\"REJECT\",\"reviewer\":\"r-1\",\"note\":\"card 4111 1111 1111 1111\"}");
    assertThat(card.statusCode()).isEqualTo(422);
    assertThat(card.body()).contains("/problems/card-number-in-request").doesNotContain("4111");
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REVIEW_DECISIONS, OrderKey.of(DEV_MERCHANT, orderId)))
        .isEmpty();

    for (String query :
        List.of("status=closed", "status=open&limit=0", "limit=101", "limit=x", "cursor=%21%21")) {
      HttpResponse<String> answer = get(port, "/v1/reviews?" + query, DEV_KEY);
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(answer.body()).as(query).contains("/problems/validation-failed");
    }
  }

  @Test
  void aKeyNeedsTheReviewScopesWhenItsEntryNamesScopes() {
    String orderId = held(uniqueId("scoped"), Instant.now()).getOrderId();
    awaitListed(DEV_KEY, orderId);

    assertThat(get(port, "/v1/reviews?status=open", REVIEWS_READ_ONLY_KEY).statusCode())
        .isEqualTo(200);
    HttpResponse<String> readOnlyDecides = decide(REVIEWS_READ_ONLY_KEY, orderId, "APPROVE", null);
    assertThat(readOnlyDecides.statusCode()).isEqualTo(403);
    assertThat(readOnlyDecides.body())
        .contains("/problems/insufficient-scope")
        .contains("reviews:write");
    HttpResponse<String> noScopesLists = get(port, "/v1/reviews?status=open", NO_SCOPES_KEY);
    assertThat(noScopesLists.statusCode()).isEqualTo(403);
    assertThat(noScopesLists.body()).contains("reviews:read");
    // Scopes guard only the review calls: the same key still reads its merchant's orders.
    assertThat(get(port, "/v1/orders/" + orderId, NO_SCOPES_KEY).statusCode()).isEqualTo(200);
    assertThat(
            IngestTestSupport.valuesWithKey(
                Topics.REVIEW_DECISIONS, OrderKey.of(DEV_MERCHANT, orderId)))
        .isEmpty();
  }

  /** Places an order through the API and holds it as risk-streams and the ledger would. */
  private OrderPlaced held(String orderId, Instant heldAt) {
    assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode()).isEqualTo(202);
    OrderPlaced order =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)).get(0);
    IngestTestSupport.write(
        Topics.ORDER_RISK,
        OrderKey.of(DEV_MERCHANT, orderId),
        risk(order, RiskDecision.REVIEW, heldAt));
    PaymentProcessed hold = payment(order, PaymentStatus.HELD_FOR_REVIEW);
    hold.setProcessedAt(heldAt.plusMillis(5));
    IngestTestSupport.write(Topics.PAYMENTS, OrderKey.of(DEV_MERCHANT, orderId), hold);
    await()
        .atMost(VIEW)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).body())
                    .contains("\"status\":\"HELD_FOR_REVIEW\""));
    return order;
  }

  private HttpResponse<String> decide(String key, String orderId, String decision, String note) {
    String body =
        note == null
            ? "{\"decision\":\"%s\",\"reviewer\":\"reviewer-7\"}".formatted(decision)
            : "{\"decision\":\"%s\",\"reviewer\":\"reviewer-7\",\"note\":\"%s\"}"
                .formatted(decision, note);
    return post(port, "/v1/orders/" + orderId + "/review", key, body);
  }

  private JsonNode page(String key, int limit, String cursor) {
    String query =
        "/v1/reviews?status=open&limit="
            + limit
            + (cursor == null
                ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    HttpResponse<String> answer = get(port, query, key);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** Every open review of the key's merchant, by orderId, through all pages. */
  private List<String> allOpen(String key) {
    List<String> orderIds = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = page(key, 100, cursor);
      page.get("reviews").forEach(review -> orderIds.add(review.get("orderId").stringValue()));
      cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
    } while (cursor != null);
    return orderIds;
  }

  private JsonNode awaitListed(String key, String orderId) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(VIEW)
        .untilAsserted(
            () -> {
              found.clear();
              String cursor = null;
              do {
                JsonNode page = page(key, 100, cursor);
                page.get("reviews")
                    .forEach(
                        review -> {
                          if (review.get("orderId").stringValue().equals(orderId)) {
                            found.add(review);
                          }
                        });
                cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
              } while (cursor != null);
              assertThat(found).hasSize(1);
            });
    return found.get(0);
  }

  private void awaitStatus(String orderId, String status) {
    await()
        .atMost(VIEW)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).body())
                    .contains("\"status\":\"" + status + "\""));
  }

  /** Waits until the view processed the record written at {@code written}. */
  private void processed(RecordMetadata written) {
    Position at =
        Position.emptyPosition()
            .withComponent(written.topic(), written.partition(), written.offset());
    await().atMost(VIEW).until(() -> statusViewProgress.reached(at));
  }

  private static RiskAssessed risk(OrderPlaced order, RiskDecision decision, Instant at) {
    return RiskAssessed.newBuilder()
        .setOrder(order)
        .setScore(55)
        .setDecision(decision)
        .setReasons(List.of(new RiskReason("amount_high", 55, "amount above the usual")))
        .setRulesVersion("test-1")
        .setAssessedAt(at)
        .build();
  }

  private static PaymentProcessed payment(OrderPlaced order, PaymentStatus status) {
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
}
