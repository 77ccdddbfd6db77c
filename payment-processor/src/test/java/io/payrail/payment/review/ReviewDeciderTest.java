package io.payrail.payment.review;

import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.PointsReservationStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.points.PointsAnswer;
import io.payrail.payment.release.ReleasedCharges;
import io.payrail.payment.review.ReviewAction.Kind;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReviewDeciderTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private final ReviewDecider decider = new ReviewDecider();
  private final PaymentDecider payments = new PaymentDecider();

  @Test
  void approvalReleasesTheHeldOrderToPendingByTheReviewerAndChargesItWithTheOrdersKey() {
    PaymentRow held = held("o-1");
    Decided approve = decision("o-1", ReviewOutcome.APPROVE, 10);

    ReviewAction action = decider.decide(held, approve, NOW);

    assertThat(action.kind()).isEqualTo(Kind.CHARGE);
    assertThat(action.row().status()).isEqualTo(LedgerStatus.PENDING);
    assertThat(action.row().finalizedBy()).isNull();
    assertThat(action.row().reviewedBy()).isEqualTo(approve.source());
    assertThat(action.change().from()).isEqualTo(LedgerStatus.HELD_FOR_REVIEW);
    assertThat(action.change().reason()).isEqualTo(ReviewDecider.REVIEW_APPROVED);
    assertThat(action.change().actor()).isEqualTo("reviewer-7");
    assertThat(action.change().note()).isEqualTo("looks fine");
    assertThat(ReleasedCharges.chargeRequests(List.of(action.row())))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.idempotencyKey())
                  .isEqualTo(PaymentIds.chargeKey(MERCHANT, "o-1"))
                  .isEqualTo(held.chargeKey());
              assertThat(request.token()).isEqualTo("tok_visa");
              assertThat(request.amountMinor()).isEqualTo(held.amountMinor());
            });
  }

  @Test
  void approvalOfAHeldOrderWithPointsWaitsForOrUsesItsAnswer() {
    PaymentRow held = heldWithPoints("o-1");
    Decided approve = decision("o-1", ReviewOutcome.APPROVE, 13);

    ReviewAction waits = decider.decide(held, approve, null, NOW);
    ReviewAction charges =
        decider.decide(held, approve, answer("o-1", PointsReservationStatus.RESERVED), NOW);
    ReviewAction declines =
        decider.decide(held, approve, answer("o-1", PointsReservationStatus.REFUSED), NOW);

    assertThat(waits.kind()).isEqualTo(Kind.AWAIT_POINTS);
    assertThat(waits.row().status()).isEqualTo(LedgerStatus.AWAITING_POINTS);
    assertThat(waits.row().finalizedBy()).isNull();
    assertThat(waits.row().paymentToken()).isEqualTo("tok_visa");
    assertThat(charges.kind()).isEqualTo(Kind.CHARGE);
    assertThat(declines.kind()).isEqualTo(Kind.POINTS_REFUSED);
    assertThat(declines.row().status()).isEqualTo(LedgerStatus.DECLINED);
    assertThat(declines.row().declineCode()).isEqualTo(ContractRules.POINTS_UNAVAILABLE);
    assertThat(declines.row().finalizedBy()).isEqualTo(approve.source());
    // Redelivered after the points listener released the row, the approval leaves it to that
    // listener.
    PaymentRow releasedByPoints =
        waits
            .row()
            .withPointsAnswer(
                LedgerStatus.PENDING,
                null,
                new SourceRecord(Topics.POINTS_RESERVATIONS.name(), 0, 9),
                NOW);
    assertThat(decider.decide(releasedByPoints, approve, NOW).kind())
        .isEqualTo(Kind.ALREADY_APPLIED);
  }

  @Test
  void rejectionAndExpiryEndTheHoldRejectedByReviewWithTheirCodes() {
    Decided reject = decision("o-1", ReviewOutcome.REJECT, 11);
    Decided expire = decision("o-2", ReviewOutcome.EXPIRE, 12);

    ReviewAction rejected = decider.decide(held("o-1"), reject, NOW);
    ReviewAction expired = decider.decide(held("o-2"), expire, NOW);

    assertThat(rejected.kind()).isEqualTo(Kind.REJECT);
    assertThat(rejected.row().status()).isEqualTo(LedgerStatus.REJECTED_BY_REVIEW);
    assertThat(rejected.row().declineCode()).isEqualTo("review_rejected");
    assertThat(rejected.row().finalizedBy()).isEqualTo(reject.source());
    assertThat(rejected.change().actor()).isEqualTo("reviewer-7");
    assertThat(expired.kind()).isEqualTo(Kind.EXPIRE);
    assertThat(expired.row().declineCode()).isEqualTo("review_expired");
    assertThat(expired.change().reason()).isEqualTo("review_expired");
  }

  @Test
  void onlyTheFirstDecisionCountsEvenInOneChunk() {
    Decided approve = decision("o-1", ReviewOutcome.APPROVE, 20);
    Decided approveAgain = decision("o-1", ReviewOutcome.APPROVE, 21);
    Decided reject = decision("o-1", ReviewOutcome.REJECT, 22);

    List<ReviewAction> actions =
        decider.plan(List.of(approve, approveAgain, reject), Map.of(key("o-1"), held("o-1")), NOW);

    assertThat(actions)
        .extracting(ReviewAction::kind)
        .containsExactly(Kind.CHARGE, Kind.SKIP_ALREADY_DECIDED, Kind.SKIP_ALREADY_DECIDED);
  }

  @Test
  void aDecisionOnADecidedOrNeverHeldOrderIsSkipped() {
    PaymentRow captured = captured("o-1");
    PaymentRow rejected =
        decider.decide(held("o-2"), decision("o-2", ReviewOutcome.REJECT, 1), NOW).row();

    assertThat(decider.decide(captured, decision("o-1", ReviewOutcome.REJECT, 30), NOW).kind())
        .isEqualTo(Kind.SKIP_ALREADY_DECIDED);
    assertThat(decider.decide(rejected, decision("o-2", ReviewOutcome.APPROVE, 31), NOW).kind())
        .isEqualTo(Kind.SKIP_ALREADY_DECIDED);
  }

  @Test
  void theDecidingRecordDeliveredAgainResumesOrRepublishesItsWork() {
    Decided approve = decision("o-1", ReviewOutcome.APPROVE, 40);
    PaymentRow pending = decider.decide(held("o-1"), approve, NOW).row();
    PaymentRow capturedByIt =
        PaymentDecider.resolve(
                pending,
                new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_1", null),
                approve.source(),
                NOW)
            .row();
    PaymentRow unknown =
        PaymentDecider.resolve(
                pending,
                new ChargeOutcome(ChargeOutcome.Result.UNKNOWN, null, "gateway_timeout"),
                approve.source(),
                NOW)
            .row();

    assertThat(decider.decide(pending, approve, NOW).kind()).isEqualTo(Kind.RESUME_CHARGE);
    assertThat(decider.decide(capturedByIt, approve, NOW).kind()).isEqualTo(Kind.REPUBLISH);
    assertThat(decider.decide(unknown, approve, NOW).kind()).isEqualTo(Kind.ALREADY_APPLIED);
    assertThat(decider.decide(pending, decision("o-1", ReviewOutcome.APPROVE, 41), NOW).kind())
        .isEqualTo(Kind.SKIP_ALREADY_DECIDED);
  }

  @Test
  void aDecisionForNoOrderOfItsMerchantIsADeadLetter() {
    ReviewAction unknown = decider.decide(null, decision("o-9", ReviewOutcome.APPROVE, 50), NOW);
    Decided foreign =
        new Decided(
            record(
                OrderKey.of("merchant-2", "o-1"),
                value("o-1", ReviewOutcome.REJECT).setMerchantId("merchant-2").build(),
                51));
    Decided own = decision("o-1", ReviewOutcome.APPROVE, 52);

    // Another merchant's order with the same orderId is another order: merchant-1's held row is
    // not merchant-2's, which has none; merchant-1's own decision still finds its hold open.
    List<ReviewAction> actions =
        decider.plan(List.of(foreign, own), Map.of(key("o-1"), held("o-1")), NOW);

    assertThat(unknown.kind()).isEqualTo(Kind.DEAD_LETTER_UNKNOWN_ORDER);
    assertThat(unknown.deadLetterReason()).contains("unknown order");
    assertThat(actions)
        .extracting(ReviewAction::kind)
        .containsExactly(Kind.DEAD_LETTER_UNKNOWN_ORDER, Kind.CHARGE);
    assertThat(actions.get(0).deadLetterReason())
        .isEqualTo("unknown order: no payment for order o-1 of merchant merchant-2");
  }

  @Test
  void anOrderHeldWithoutATokenCannotBeApprovedButCanBeRejected() {
    PaymentRow heldBeforeTokens = withoutToken(held("o-1"));

    assertThat(
            decider
                .decide(heldBeforeTokens, decision("o-1", ReviewOutcome.APPROVE, 60), NOW)
                .kind())
        .isEqualTo(Kind.DEAD_LETTER_NO_TOKEN);
    assertThat(
            decider.decide(heldBeforeTokens, decision("o-1", ReviewOutcome.REJECT, 61), NOW).kind())
        .isEqualTo(Kind.REJECT);
  }

  @Test
  void onlyAHeldRowKeepsTheToken() {
    assertThat(held("o-1").paymentToken()).isEqualTo("tok_visa");
    assertThat(captured("o-2").paymentToken()).isNull();
  }

  private PaymentRow held(String orderId) {
    Assessment review = new Assessment(assessed(orderId, RiskDecision.REVIEW, "tok_visa"), 0, 1);
    return payments.newRows(payments.plan(List.of(review), Map.of()), NOW).get(0).row();
  }

  private PaymentRow heldWithPoints(String orderId) {
    RiskAssessed value = assessed(orderId, RiskDecision.REVIEW, "tok_visa");
    value.getOrder().setPointsToRedeem(700L);
    Assessment review = new Assessment(value, 0, 1);
    return payments.newRows(payments.plan(List.of(review), Map.of()), NOW).get(0).row();
  }

  private static PointsAnswer answer(String orderId, PointsReservationStatus status) {
    return new PointsAnswer(
        MERCHANT,
        orderId,
        status,
        status == PointsReservationStatus.REFUSED ? ContractRules.INSUFFICIENT_POINTS : null,
        700,
        new SourceRecord(Topics.POINTS_RESERVATIONS.name(), 0, 3));
  }

  private PaymentRow captured(String orderId) {
    Assessment approve = new Assessment(approved(orderId, "tok_visa"), 0, 2);
    PaymentRow pending =
        payments.newRows(payments.plan(List.of(approve), Map.of()), NOW).get(0).row();
    return PaymentDecider.resolve(
            pending,
            new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_0", null),
            approve.source(),
            NOW)
        .row();
  }

  private static PaymentRow withoutToken(PaymentRow row) {
    return new PaymentRow(
        row.paymentId(),
        row.chargeKey(),
        row.orderId(),
        row.customerId(),
        row.merchantId(),
        row.amountMinor(),
        row.currency(),
        row.riskScore(),
        row.riskDecision(),
        row.status(),
        row.declineCode(),
        row.gatewayReference(),
        row.cardBrand(),
        row.cardLast4(),
        row.sourcePartition(),
        row.sourceOffset(),
        row.createdAt(),
        row.updatedAt(),
        row.finalizedBy(),
        null,
        row.reviewedBy(),
        row.coupon(),
        row.pointsRedeemed(),
        row.pointsBy());
  }

  private static Decided decision(String orderId, ReviewOutcome outcome, long offset) {
    return new Decided(
        record(OrderKey.of(MERCHANT, orderId), value(orderId, outcome).build(), offset));
  }

  private static ReviewDecided.Builder value(String orderId, ReviewOutcome outcome) {
    return ReviewDecided.newBuilder()
        .setDecisionId("decision-" + orderId + "-" + outcome)
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setDecision(outcome)
        .setReviewer("reviewer-7")
        .setNote("looks fine")
        .setDecidedAt(NOW);
  }

  private static ConsumerRecord<String, ReviewDecided> record(
      String key, ReviewDecided value, long offset) {
    return new ConsumerRecord<>(Topics.REVIEW_DECISIONS.name(), 3, offset, key, value);
  }
}
