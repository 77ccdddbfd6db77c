package io.payrail.payment.points;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.review.ReviewDecisionListener;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Orders that redeem loyalty points, on the real broker, registry, database and simulated acquirer:
 * an approved order is charged only once its points are reserved, for its total minus the coupon's
 * discount minus the points; a refusal declines it {@code points_unavailable} without a charge or a
 * coupon use; an answer that comes before the order is used when the order comes; a repeated answer
 * changes nothing; a held order approved by a reviewer takes the same way.
 */
class PointsReservationsTest extends PaymentIntegrationTest {

  private static final String POINTS_GROUP = PointsReservationListener.LISTENER_ID;
  private static final String REVIEW_GROUP = ReviewDecisionListener.LISTENER_ID;
  private static final String MERCHANT = "merchant-1";
  private static final long POINTS = 1_000;
  private static final long DISCOUNT_MINOR = 425;

  @Autowired MeterRegistry meters;
  @Autowired PointsMetrics pointsMetrics;
  @Autowired PaymentLedger ledger;
  @Autowired PaymentDecider decider;
  @Autowired PointsAnswers answers;
  @Autowired FailureClassifier failures;
  @Autowired PointsAnswerTimeout answerTimeout;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void approvedOrderWithPointsWaitsForItsReservationThenIsCapturedForTheTotalLessThePoints() {
    String orderId = newOrderId("points-wait");
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS)));

    assertThat(paymentRow(orderId))
        .containsEntry("status", "AWAITING_POINTS")
        .containsEntry("amount_minor", AMOUNT_MINOR - POINTS)
        .containsEntry("points_redeemed", POINTS)
        .containsEntry("payment_token", "tok_visa");
    assertThat(charges(orderId)).isZero();
    assertThat(committedPayments(List.of(orderId))).isEmpty();
    pointsMetrics.scanAwaiting();
    assertThat(meters.find("payrail.points.awaiting").gauge().value()).isGreaterThanOrEqualTo(1);
    double reservedBefore = counter("payrail.points.reserved");

    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, POINTS)));

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(orderId)).containsExactly(AMOUNT_MINOR - POINTS);
    assertThat(history(orderId))
        .containsExactly("NONE>AWAITING_POINTS", "AWAITING_POINTS>PENDING", "PENDING>CAPTURED");
    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(event.getAmountMinor()).isEqualTo(AMOUNT_MINOR - POINTS);
    assertThat(event.getPointsRedeemed()).isEqualTo(POINTS);
    assertThat(counter("payrail.points.reserved") - reservedBefore).isEqualTo(1);
  }

  @Test
  void anOrderWhoseAnswerNeverComesIsDeclinedAfterTheTimeoutAndALateReservationChangesNothing() {
    String orderId = newOrderId("points-timeout");
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS)));
    assertThat(paymentRow(orderId)).containsEntry("status", "AWAITING_POINTS");

    // As if payrail.points.answer-timeout had passed since the row began to wait.
    assertThat(answerTimeout.expire(Instant.now().plusSeconds(1))).isPositive();

    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(paymentRow(orderId))
                    .containsEntry("status", "DECLINED")
                    .containsEntry("decline_code", ContractRules.POINTS_UNAVAILABLE));
    assertThat(historyRows(orderId).get(1)).containsEntry("note", ContractRules.ANSWER_TIMEOUT);
    PaymentProcessed declined = onlyEvent(orderId);
    assertThat(declined.getDeclineCode()).isEqualTo(ContractRules.POINTS_UNAVAILABLE);
    assertThat(declined.getPointsRedeemed()).isEqualTo(POINTS);

    // loyalty-streams' answer, late: the first answer stands; nothing is charged or published.
    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, POINTS)));
    assertThat(paymentRow(orderId)).containsEntry("status", "DECLINED");
    assertThat(charges(orderId)).isZero();
    assertThat(onlyEvent(orderId).getStatus()).isEqualTo(PaymentStatus.DECLINED);
  }

  @Test
  void refusedPointsDeclineTheOrderPointsUnavailableWithoutAChargeOrACouponUse() {
    String code = newCode("PTS-REFUSED");
    String refused = newOrderId("points-refused");
    awaitConsumed(
        send(
            withCoupon(
                withPoints(assessed(refused, RiskDecision.APPROVE, "tok_visa"), POINTS), code)));

    awaitConsumed(
        POINTS_GROUP,
        sendAnswer(refusedAnswer(refused, POINTS, ContractRules.INSUFFICIENT_POINTS)));

    assertThat(paymentRow(refused))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.POINTS_UNAVAILABLE)
        .containsEntry("gateway_reference", null);
    assertThat(charges(refused)).isZero();
    assertThat(history(refused))
        .containsExactly("NONE>AWAITING_POINTS", "AWAITING_POINTS>DECLINED");
    assertThat(historyRows(refused).get(1))
        .containsEntry("reason", ContractRules.POINTS_UNAVAILABLE)
        .containsEntry("note", ContractRules.INSUFFICIENT_POINTS);
    PaymentProcessed event = onlyEvent(refused);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(event.getDeclineCode()).isEqualTo(ContractRules.POINTS_UNAVAILABLE);
    assertThat(event.getPointsRedeemed()).isEqualTo(POINTS);
    assertThat(couponRedemptions(code)).isZero();

    // The coupon's one use is still there: the next order takes it.
    String next = newOrderId("points-refused-next");
    awaitConsumed(send(withCoupon(assessed(next, RiskDecision.APPROVE, "tok_visa"), code)));
    assertThat(paymentRow(next)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(next)).containsExactly(AMOUNT_MINOR - DISCOUNT_MINOR);
  }

  @Test
  void answerArrivingBeforeTheOrderIsUsedWhenTheOrderArrives() {
    String reservedFirst = newOrderId("points-early-reserved");
    String refusedFirst = newOrderId("points-early-refused");
    awaitConsumed(
        POINTS_GROUP,
        sendAnswer(reserved(reservedFirst, POINTS)),
        sendAnswer(refusedAnswer(refusedFirst, POINTS, ContractRules.ORDER_CLOSED)));
    assertThat(payments(reservedFirst)).isZero();

    awaitConsumed(
        send(withPoints(assessed(reservedFirst, RiskDecision.APPROVE, "tok_visa"), POINTS)),
        send(withPoints(assessed(refusedFirst, RiskDecision.APPROVE, "tok_visa"), POINTS)));

    assertThat(paymentRow(reservedFirst)).containsEntry("status", "CAPTURED");
    assertThat(history(reservedFirst)).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
    assertThat(chargedAmounts(reservedFirst)).containsExactly(AMOUNT_MINOR - POINTS);
    assertThat(onlyEvent(reservedFirst).getPointsRedeemed()).isEqualTo(POINTS);
    assertThat(paymentRow(refusedFirst))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.POINTS_UNAVAILABLE);
    assertThat(history(refusedFirst))
        .containsExactly("NONE>AWAITING_POINTS", "AWAITING_POINTS>DECLINED");
    assertThat(charges(refusedFirst)).isZero();
    assertThat(onlyEvent(refusedFirst).getStatus()).isEqualTo(PaymentStatus.DECLINED);
  }

  @Test
  void repeatedAnswerChangesNothing() {
    String orderId = newOrderId("points-repeat");
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS)));

    RecordMetadata first = sendAnswer(reserved(orderId, POINTS));
    RecordMetadata again = sendAnswer(reserved(orderId, POINTS));
    awaitConsumed(POINTS_GROUP, first, again);
    // Once the order is paid, a repeat, even one that disagrees, changes nothing either.
    awaitConsumed(
        POINTS_GROUP,
        sendAnswer(refusedAnswer(orderId, POINTS, ContractRules.INSUFFICIENT_POINTS)));

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(charges(orderId)).isOne();
    assertThat(history(orderId))
        .containsExactly("NONE>AWAITING_POINTS", "AWAITING_POINTS>PENDING", "PENDING>CAPTURED");
    assertThat(committedPayments(List.of(orderId))).hasSize(1);
    assertThat(
            database()
                .queryForMap(
                    "SELECT status, source_offset FROM points_reservations WHERE order_id = ?",
                    orderId))
        .containsEntry("status", "RESERVED")
        .containsEntry("source_offset", first.offset());
    assertThat(committedDeadLetters(Topics.POINTS_RESERVATIONS, List.of(encodedKey(orderId))))
        .isEmpty();
  }

  @Test
  void heldOrderWithPointsApprovedByReviewWaitsForItsReservation() {
    String orderId = held("points-held-wait");

    awaitConsumed(REVIEW_GROUP, sendDecision(approve(orderId), null));

    assertThat(paymentRow(orderId)).containsEntry("status", "AWAITING_POINTS");
    assertThat(charges(orderId)).isZero();
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW);

    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, POINTS)));

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(orderId)).containsExactly(AMOUNT_MINOR - POINTS);
    assertThat(history(orderId))
        .containsExactly(
            "NONE>HELD_FOR_REVIEW",
            "HELD_FOR_REVIEW>AWAITING_POINTS",
            "AWAITING_POINTS>PENDING",
            "PENDING>CAPTURED");
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events)
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.CAPTURED);
    assertThat(events).allSatisfy(e -> assertThat(e.getPointsRedeemed()).isEqualTo(POINTS));
  }

  @Test
  void heldOrderWithPointsApprovedByReviewUsesTheAnswerThatCameWhileItWasHeld() {
    String reservedWhileHeld = held("points-held-reserved");
    String refusedWhileHeld = held("points-held-refused");
    awaitConsumed(
        POINTS_GROUP,
        sendAnswer(reserved(reservedWhileHeld, POINTS)),
        sendAnswer(refusedAnswer(refusedWhileHeld, POINTS, ContractRules.INSUFFICIENT_POINTS)));
    assertThat(paymentRow(reservedWhileHeld)).containsEntry("status", "HELD_FOR_REVIEW");

    awaitConsumed(
        REVIEW_GROUP,
        sendDecision(approve(reservedWhileHeld), null),
        sendDecision(approve(refusedWhileHeld), null));

    assertThat(paymentRow(reservedWhileHeld)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(reservedWhileHeld)).containsExactly(AMOUNT_MINOR - POINTS);
    assertThat(history(reservedWhileHeld))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>CAPTURED");
    assertThat(paymentRow(refusedWhileHeld))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.POINTS_UNAVAILABLE);
    assertThat(charges(refusedWhileHeld)).isZero();
    assertThat(history(refusedWhileHeld))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>DECLINED");
    assertThat(committedPayments(List.of(refusedWhileHeld)))
        .extracting(PaymentProcessed::getStatus, PaymentProcessed::getDeclineCode)
        .containsExactly(
            tuple(PaymentStatus.HELD_FOR_REVIEW, null),
            tuple(PaymentStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE));
  }

  @Test
  void chargeWithACouponAndPointsIsTheTotalLessTheDiscountLessThePointsExactly() {
    String code = newCode("PTS-EXACT");
    String orderId = newOrderId("points-coupon");
    long points = AMOUNT_MINOR - DISCOUNT_MINOR - 1;
    awaitConsumed(
        send(
            withCoupon(
                withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), points), code)));
    // The coupon's use is taken when the order is released to PENDING, not while it waits.
    assertThat(couponRedemptions(code)).isZero();

    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, points)));

    assertThat(chargedAmounts(orderId)).containsExactly(1L);
    assertThat(paymentRow(orderId))
        .containsEntry("status", "CAPTURED")
        .containsEntry("amount_minor", 1L)
        .containsEntry("discount_minor", DISCOUNT_MINOR)
        .containsEntry("points_redeemed", points);
    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getAmountMinor()).isEqualTo(AMOUNT_MINOR - DISCOUNT_MINOR - points);
    assertThat(event.getDiscountMinor()).isEqualTo(DISCOUNT_MINOR);
    assertThat(event.getPointsRedeemed()).isEqualTo(points);
    assertThat(couponRedemptions(code)).isOne();
  }

  @Test
  void answerNotMatchingItsOrderOrBreakingTheContractIsDeadLetteredAndChangesNothing() {
    String orderId = newOrderId("points-mismatch");
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS)));
    PointsReservation noReason = refusedAnswer(orderId, POINTS, ContractRules.INSUFFICIENT_POINTS);
    noReason.setReason(null);

    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, POINTS + 1)), sendAnswer(noReason));

    assertThat(paymentRow(orderId)).containsEntry("status", "AWAITING_POINTS");
    assertThat(charges(orderId)).isZero();
    assertThat(
            database()
                .queryForList(
                    "SELECT order_id FROM points_reservations WHERE order_id = ?",
                    String.class,
                    orderId))
        .isEmpty();
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(Topics.POINTS_RESERVATIONS, List.of(encodedKey(orderId)));
    assertThat(letters).hasSize(2);
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(InvalidPointsReservationException.class.getName());
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("points mismatch");
    assertThat(header(letters.get(1), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("breaks the contract");
    assertThat(header(letters.get(1), KafkaHeaders.DLT_ORIGINAL_TOPIC))
        .isEqualTo(Topics.POINTS_RESERVATIONS.name());

    // The order still takes its real answer.
    awaitConsumed(POINTS_GROUP, sendAnswer(reserved(orderId, POINTS)));
    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
  }

  @Test
  void rowWrittenAwaitingPointsAfterItsAnswerCameIsRolledBackForTheBatchToBeReadAgain() {
    String orderId = newOrderId("points-race");
    Assessment order =
        new Assessment(
            withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS), 0, 1);
    // Planned before the answer was recorded, written after: the two listeners raced.
    List<LedgerEntry> awaiting =
        decider.newRows(decider.plan(List.of(order), Map.of(), Map.of()), Instant.now());
    answers.record(
        List.of(
            new PointsAnswer(
                MERCHANT,
                orderId,
                PointsReservationStatus.RESERVED,
                null,
                POINTS,
                new SourceRecord(Topics.POINTS_RESERVATIONS.name(), 0, 0))),
        Instant.now());

    assertThatThrownBy(() -> ledger.record(awaiting))
        .isInstanceOf(PointsAnswerArrivedException.class)
        .satisfies(
            failure ->
                assertThat(failures.classify(failure))
                    .isEqualTo(FailureClassifier.Failure.INFRASTRUCTURE));
    assertThat(payments(orderId)).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentStep.class,
      names = {"AFTER_PENDING_COMMIT", "AFTER_GATEWAY_CALL", "AFTER_LEDGER_COMMIT"})
  void crashWhileApplyingAReservationNeitherChargesTwiceNorLosesTheCharge(PaymentStep step) {
    String orderId = newOrderId("points-crash");
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.APPROVE, "tok_visa"), POINTS)));
    crasher.arm(step, encodedKey(orderId));
    RecordMetadata sent = sendAnswer(reserved(orderId, POINTS));

    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(committedPayments(List.of(orderId))).isEmpty();

    restartListener(POINTS_GROUP, () -> {});
    awaitConsumed(POINTS_GROUP, sent);

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(charges(orderId)).isOne();
    assertThat(history(orderId))
        .containsExactly("NONE>AWAITING_POINTS", "AWAITING_POINTS>PENDING", "PENDING>CAPTURED");
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.CAPTURED);
  }

  /** An order with points that risk held for review, once its HELD row is in the ledger. */
  private static String held(String label) {
    String orderId = newOrderId(label);
    awaitConsumed(send(withPoints(assessed(orderId, RiskDecision.REVIEW, "tok_visa"), POINTS)));
    return orderId;
  }

  private static RiskAssessed withPoints(RiskAssessed assessment, long points) {
    assessment.getOrder().setPointsToRedeem(points);
    return assessment;
  }

  /** The order claiming a one-use coupon, priced as the facade prices it. */
  private static RiskAssessed withCoupon(RiskAssessed assessment, String code) {
    assessment.getOrder().setCoupon(new AppliedCoupon(code, DISCOUNT_MINOR, 1, null));
    return assessment;
  }

  private static PointsReservation reserved(String orderId, long points) {
    return answer(orderId, points, PointsReservationStatus.RESERVED, null);
  }

  private static PointsReservation refusedAnswer(String orderId, long points, String reason) {
    return answer(orderId, points, PointsReservationStatus.REFUSED, reason);
  }

  private static PointsReservation answer(
      String orderId, long points, PointsReservationStatus status, String reason) {
    return PointsReservation.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setCustomerId("customer-" + orderId)
        .setPoints(points)
        .setStatus(status)
        .setReason(reason)
        .setAvailablePoints(0)
        .setDecidedAt(Instant.now())
        .build();
  }

  private static ReviewDecided approve(String orderId) {
    return ReviewDecided.newBuilder()
        .setDecisionId(Assessments.newDecisionId())
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setDecision(ReviewOutcome.APPROVE)
        .setReviewer("reviewer-8")
        .setNote(null)
        .setDecidedAt(Instant.now())
        .build();
  }

  /** A code no other test uses, as the contract spells codes. */
  private static String newCode(String label) {
    return (label + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase(Locale.ROOT);
  }

  private static PaymentProcessed onlyEvent(String orderId) {
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** What the acquirer was asked to charge for the order, per charge. */
  private static List<Long> chargedAmounts(String orderId) {
    return database()
        .queryForList(
            "SELECT amount_minor FROM simulated_acquirer_charges WHERE order_id = ?",
            Long.class,
            orderId);
  }

  private static int couponRedemptions(String code) {
    Integer count =
        database()
            .queryForObject(
                "SELECT COUNT(*) FROM coupon_redemptions"
                    + " WHERE merchant_id = ? AND coupon_code = ? AND status = 'TAKEN'",
                Integer.class,
                MERCHANT,
                code);
    return count == null ? 0 : count;
  }

  private double counter(String name) {
    Counter counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
