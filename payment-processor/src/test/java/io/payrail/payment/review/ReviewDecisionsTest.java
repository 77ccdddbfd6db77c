package io.payrail.payment.review;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.acquirer.simulated.SimulatedCharges;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskDecision;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Review decisions on held orders, on the real broker, registry, database and simulated acquirer:
 * only the first decision counts, an approval charges once with the order's idempotency key, a
 * rejection or an expiry ends the order REJECTED_BY_REVIEW, each with one PaymentProcessed; bad
 * decisions go to review-decisions.DLT with their reason and never block the next one.
 */
class ReviewDecisionsTest extends PaymentIntegrationTest {

  private static final String REVIEW_GROUP = ReviewDecisionListener.LISTENER_ID;

  @Autowired MeterRegistry meters;
  @Autowired PaymentLedger ledger;
  @Autowired KafkaTemplate<String, Object> kafka;
  @Autowired ReviewMetrics reviewMetrics;
  @Autowired Clock clock;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void heldOrderKeepsItsTokenBesideBrandAndLast4() {
    String orderId = held("held-token", "tok_visa");

    assertThat(paymentRow(orderId))
        .containsEntry("status", "HELD_FOR_REVIEW")
        .containsEntry("payment_token", "tok_visa")
        .containsEntry("card_brand", "visa")
        .containsEntry("card_last4", "4242");
  }

  @Test
  void approvalSentTwiceCapturesTheHeldOrderWithExactlyOneCharge() {
    String orderId = held("approve", "tok_visa");
    double skippedBefore = skipped();
    ReviewDecided approve = decision(orderId, ReviewOutcome.APPROVE, "reviewer-7", "known buyer");

    RecordMetadata first = sendDecision(approve, null);
    RecordMetadata second = sendDecision(approve, null);
    awaitConsumed(REVIEW_GROUP, first, second);

    assertThat(paymentRow(orderId))
        .containsEntry("status", "CAPTURED")
        .containsEntry("decline_code", null);
    assertThat(charges(orderId)).isOne();
    assertThat(history(orderId))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>CAPTURED");
    List<Map<String, Object>> history = historyRows(orderId);
    assertThat(history.get(0)).containsEntry("actor", null);
    assertThat(history.get(1))
        .containsEntry("actor", "reviewer-7")
        .containsEntry("note", "known buyer")
        .containsEntry("reason", ReviewDecider.REVIEW_APPROVED);
    assertThat(history.get(2)).containsEntry("actor", null).containsEntry("reason", "captured");
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events)
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.CAPTURED);
    assertThat(events.get(1).getGatewayReference())
        .startsWith("ch_sim_")
        .isEqualTo(paymentRow(orderId).get("gateway_reference"));
    // At least: repeated expiries of other held orders (the expiry test) are skipped too.
    assertThat(skipped() - skippedBefore).isGreaterThanOrEqualTo(1);
  }

  @Test
  void rejectionEndsTheHeldOrderRejectedByReviewWithTheReviewersNote() {
    String orderId = held("reject", "tok_visa");

    awaitConsumed(
        REVIEW_GROUP,
        sendDecision(decision(orderId, ReviewOutcome.REJECT, "reviewer-9", "stolen card"), null));

    assertThat(paymentRow(orderId))
        .containsEntry("status", "REJECTED_BY_REVIEW")
        .containsEntry("decline_code", ReviewDecider.REVIEW_REJECTED)
        .containsEntry("gateway_reference", null);
    assertThat(charges(orderId)).isZero();
    assertThat(history(orderId))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");
    assertThat(historyRows(orderId).get(1))
        .containsEntry("actor", "reviewer-9")
        .containsEntry("note", "stolen card")
        .containsEntry("reason", ReviewDecider.REVIEW_REJECTED);
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events)
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.REJECTED_BY_REVIEW);
    assertThat(events.get(1).getDeclineCode()).isEqualTo(ReviewDecider.REVIEW_REJECTED);
  }

  @Test
  void holdPastAShortExpiryIsRejectedByReviewAsExpiredOnce() {
    String orderId = held("expire", "tok_visa");
    // The application's own scan keeps its 72 h hold; this one, on the same beans, holds 300 ms.
    HoldExpiry shortHold =
        new HoldExpiry(
            ledger,
            kafka,
            new ReviewProperties(Duration.ofMillis(300), Duration.ofMinutes(1), 100_000),
            reviewMetrics,
            clock);

    // Each scan publishes the expiry again while the order is still held: the first one wins.
    await()
        .atMost(PROCESSED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              shortHold.expire();
              return "REJECTED_BY_REVIEW".equals(paymentRow(orderId).get("status"));
            });

    assertThat(paymentRow(orderId)).containsEntry("decline_code", ReviewDecider.REVIEW_EXPIRED);
    assertThat(history(orderId))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");
    assertThat(historyRows(orderId).get(1))
        .containsEntry("actor", HoldExpiry.REVIEWER)
        .containsEntry("reason", ReviewDecider.REVIEW_EXPIRED);
    assertThat(charges(orderId)).isZero();
    await().atMost(PROCESSED_WITHIN).until(() -> committedPayments(List.of(orderId)).size() == 2);
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus, PaymentProcessed::getDeclineCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PaymentStatus.HELD_FOR_REVIEW, null),
            org.assertj.core.groups.Tuple.tuple(
                PaymentStatus.REJECTED_BY_REVIEW, ReviewDecider.REVIEW_EXPIRED));
    assertThat(meters.find("payrail.review.expiries.published").counter().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void decisionForAnUnknownOrderIsDeadLetteredAndTheNextDecisionOnItsPartitionIsApplied() {
    String ghost = newOrderId("ghost");
    String orderId = held("after-ghost", "tok_visa");

    RecordMetadata bad =
        sendDecision(decision(ghost, ReviewOutcome.REJECT, "reviewer-1", null), null);
    RecordMetadata next =
        sendDecision(decision(orderId, ReviewOutcome.REJECT, "reviewer-1", null), bad.partition());
    awaitConsumed(REVIEW_GROUP, bad, next);

    assertThat(paymentRow(orderId)).containsEntry("status", "REJECTED_BY_REVIEW");
    assertThat(payments(ghost)).isZero();
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(Topics.REVIEW_DECISIONS, List.of(encodedKey(ghost)));
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).partition()).isEqualTo(bad.partition());
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(InvalidReviewDecisionException.class.getName());
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("unknown order");
    assertThat(header(letters.get(0), KafkaHeaders.DLT_ORIGINAL_TOPIC))
        .isEqualTo(Topics.REVIEW_DECISIONS.name());
  }

  @Test
  void anotherMerchantsDecisionForTheSameOrderIdFindsNoOrderAndChangesNothing() {
    String orderId = held("foreign", "tok_visa");
    ReviewDecided foreign = decision(orderId, ReviewOutcome.APPROVE, "reviewer-1", null);
    foreign.setMerchantId("merchant-2");

    awaitConsumed(REVIEW_GROUP, sendDecision(foreign, null));

    assertThat(paymentRow(orderId)).containsEntry("status", "HELD_FOR_REVIEW");
    assertThat(charges(orderId)).isZero();
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(Topics.REVIEW_DECISIONS, List.of(OrderKey.of("merchant-2", orderId)));
    assertThat(letters).hasSize(1);
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("unknown order")
        .contains("merchant-2");
  }

  @Test
  void decisionWhoseKeyIsNotItsMerchantAndOrderIsDeadLettered() {
    String orderId = held("bare-key", "tok_visa");
    ReviewDecided approve = decision(orderId, ReviewOutcome.APPROVE, "reviewer-1", null);

    // Keyed by the bare orderId, as before keys were merchant-scoped: no longer the contract.
    awaitConsumed(REVIEW_GROUP, sendDecision(orderId, approve));

    assertThat(paymentRow(orderId)).containsEntry("status", "HELD_FOR_REVIEW");
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(Topics.REVIEW_DECISIONS, List.of(orderId));
    assertThat(letters).hasSize(1);
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("merchantId/orderId");
  }

  @Test
  void noteHoldingACardNumberIsDeadLetteredWithoutItsValue() {
    String orderId = held("card-note", "tok_visa");
    ReviewDecided leaky =
        decision(orderId, ReviewOutcome.APPROVE, "reviewer-1", "card 4111 1111 1111 1111");

    awaitConsumed(REVIEW_GROUP, sendDecision(leaky, null));

    assertThat(paymentRow(orderId)).containsEntry("status", "HELD_FOR_REVIEW");
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(Topics.REVIEW_DECISIONS, List.of(encodedKey(orderId)));
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value()).isNull();
    for (Header header : letters.get(0).headers()) {
      assertThat(new String(header.value(), StandardCharsets.UTF_8))
          .as(header.key())
          .doesNotContain("4111");
    }
  }

  @Test
  void decisionAfterTheOrderIsDecidedChangesNothing() {
    String paid = newOrderId("paid-then-reviewed");
    awaitConsumed(send(approved(paid, "tok_visa")));
    String rejected = held("rejected-then-approved", "tok_visa");
    awaitConsumed(
        REVIEW_GROUP,
        sendDecision(decision(rejected, ReviewOutcome.REJECT, "reviewer-1", null), null));
    double skippedBefore = skipped();

    awaitConsumed(
        REVIEW_GROUP,
        sendDecision(decision(paid, ReviewOutcome.REJECT, "reviewer-2", "too late"), null),
        sendDecision(
            decision(rejected, ReviewOutcome.APPROVE, "reviewer-2", "changed mind"), null));

    assertThat(paymentRow(paid)).containsEntry("status", "CAPTURED");
    assertThat(history(paid)).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
    assertThat(committedPayments(List.of(paid))).hasSize(1);
    assertThat(paymentRow(rejected)).containsEntry("status", "REJECTED_BY_REVIEW");
    assertThat(charges(rejected)).isZero();
    assertThat(committedPayments(List.of(rejected))).hasSize(2);
    assertThat(skipped() - skippedBefore).isGreaterThanOrEqualTo(2);
    assertThat(
            committedDeadLetters(
                Topics.REVIEW_DECISIONS, List.of(encodedKey(paid), encodedKey(rejected))))
        .isEmpty();
  }

  @Test
  void approvedChargeWithoutAnAnswerIsResolvedByTheReconcilerAndPublishedOnce() {
    String orderId = held("approve-lost", SimulatedCharges.TOKEN_TIMEOUT_AFTER_CAPTURE);

    sendDecision(decision(orderId, ReviewOutcome.APPROVE, "reviewer-3", null), null);

    await().atMost(PROCESSED_WITHIN).until(() -> committedPayments(List.of(orderId)).size() == 2);
    assertThat(history(orderId))
        .containsExactly(
            "NONE>HELD_FOR_REVIEW",
            "HELD_FOR_REVIEW>PENDING",
            "PENDING>UNKNOWN",
            "UNKNOWN>CAPTURED");
    assertThat(charges(orderId)).isOne();
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.CAPTURED);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentStep.class,
      names = {"AFTER_PENDING_COMMIT", "AFTER_GATEWAY_CALL", "AFTER_LEDGER_COMMIT"})
  void crashWhileApplyingAnApprovalNeitherChargesTwiceNorLosesTheCharge(PaymentStep step) {
    String orderId = held("approve-crash", "tok_visa");
    crasher.arm(step, encodedKey(orderId));
    RecordMetadata sent =
        sendDecision(decision(orderId, ReviewOutcome.APPROVE, "reviewer-4", null), null);

    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(committedPayments(List.of(orderId))).hasSize(1);

    restartListener(REVIEW_GROUP, () -> {});
    awaitConsumed(REVIEW_GROUP, sent);

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(charges(orderId)).isOne();
    assertThat(history(orderId))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>CAPTURED");
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.CAPTURED);
  }

  /** An order risk held for review, once its HELD row is in the ledger. */
  private static String held(String label, String token) {
    String orderId = newOrderId(label);
    awaitConsumed(send(assessed(orderId, RiskDecision.REVIEW, token)));
    return orderId;
  }

  private static ReviewDecided decision(
      String orderId, ReviewOutcome outcome, String reviewer, String note) {
    return ReviewDecided.newBuilder()
        .setDecisionId(Assessments.newDecisionId())
        .setOrderId(orderId)
        .setMerchantId(Assessments.MERCHANT)
        .setDecision(outcome)
        .setReviewer(reviewer)
        .setNote(note)
        .setDecidedAt(Instant.now())
        .build();
  }

  private double skipped() {
    return meters.find("payrail.review.decisions.skipped").counter().count();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
