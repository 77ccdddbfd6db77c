package io.payrail.payment.points;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.points.PointsAction.Kind;
import io.payrail.payment.release.ReleasedCharges;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The points answers' decisions and the order-risk step's use of recorded answers, without I/O. */
class PointsDeciderTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final long POINTS = 700;
  private final PointsDecider decider = new PointsDecider();
  private final PaymentDecider payments = new PaymentDecider();

  @Test
  void approvedOrderWithPointsWaitsWithItsTokenAndIsNotCharged() {
    Assessment order = new Assessment(withPoints(approved("o-1", "tok_visa")), 0, 1);

    BatchPlan plan = payments.plan(List.of(order), Map.of(), Map.of());
    List<LedgerEntry> rows = payments.newRows(plan, NOW);

    assertThat(plan.toCharge()).isEmpty();
    assertThat(rows)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.row().status()).isEqualTo(LedgerStatus.AWAITING_POINTS);
              assertThat(entry.row().paymentToken()).isEqualTo("tok_visa");
              assertThat(entry.row().amountMinor()).isEqualTo(AMOUNT_MINOR - POINTS);
              assertThat(entry.row().pointsRedeemed()).isEqualTo(POINTS);
              assertThat(entry.row().finalizedBy()).isNull();
            });
  }

  @Test
  void recordedAnswerDecidesTheOrderAtOnce() {
    Assessment reserved = new Assessment(withPoints(approved("r", "tok_visa")), 0, 1);
    Assessment refused = new Assessment(withPoints(approved("f", "tok_visa")), 0, 2);
    Assessment declinedByRisk =
        new Assessment(withPoints(assessed("d", RiskDecision.DECLINE, "tok_visa")), 0, 3);

    BatchPlan plan =
        payments.plan(
            List.of(reserved, refused, declinedByRisk),
            Map.of(),
            Map.of(
                key("r"), answer("r", PointsReservationStatus.RESERVED),
                key("f"), answer("f", PointsReservationStatus.REFUSED),
                key("d"), answer("d", PointsReservationStatus.RESERVED)));
    List<LedgerEntry> rows = payments.newRows(plan, NOW);

    assertThat(plan.toCharge()).containsExactly(reserved);
    assertThat(payments.chargeRequests(plan))
        .singleElement()
        .satisfies(request -> assertThat(request.amountMinor()).isEqualTo(AMOUNT_MINOR - POINTS));
    PaymentRow declined = row(rows, "f");
    assertThat(declined.status()).isEqualTo(LedgerStatus.DECLINED);
    assertThat(declined.declineCode()).isEqualTo(ContractRules.POINTS_UNAVAILABLE);
    assertThat(declined.finalizedBy()).isEqualTo(refused.source());
    assertThat(row(rows, "d").status()).isEqualTo(LedgerStatus.REJECTED_BY_RISK);
  }

  @Test
  void reservedAnswerReleasesTheAwaitingOrderToPendingAndRefusedDeclinesIt() {
    Answered reserved = answered("o-1", PointsReservationStatus.RESERVED, 20);
    Answered refused = answered("o-2", PointsReservationStatus.REFUSED, 21);

    List<PointsAction> actions =
        decider.plan(
            List.of(reserved, refused),
            Map.of(key("o-1"), awaiting("o-1"), key("o-2"), awaiting("o-2")),
            NOW);

    PointsAction release = actions.get(0);
    assertThat(release.kind()).isEqualTo(Kind.RELEASE);
    assertThat(release.row().status()).isEqualTo(LedgerStatus.PENDING);
    assertThat(release.row().pointsBy()).isEqualTo(reserved.source());
    assertThat(release.row().releasedBy()).isEqualTo(reserved.source());
    assertThat(release.change().reason()).isEqualTo(PointsDecider.POINTS_RESERVED);
    assertThat(ReleasedCharges.chargeRequests(List.of(release.row())))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.idempotencyKey())
                  .isEqualTo(PaymentIds.chargeKey(MERCHANT, "o-1"))
                  .isEqualTo(release.row().chargeKey());
              assertThat(request.token()).isEqualTo("tok_visa");
              assertThat(request.amountMinor()).isEqualTo(AMOUNT_MINOR - POINTS);
            });
    PointsAction decline = actions.get(1);
    assertThat(decline.kind()).isEqualTo(Kind.DECLINE);
    assertThat(decline.row().status()).isEqualTo(LedgerStatus.DECLINED);
    assertThat(decline.row().declineCode()).isEqualTo(ContractRules.POINTS_UNAVAILABLE);
    assertThat(decline.row().finalizedBy()).isEqualTo(refused.source());
    assertThat(decline.change().note()).isEqualTo(ContractRules.INSUFFICIENT_POINTS);
  }

  @Test
  void onlyTheFirstAnswerCountsAndItsRedeliveryResumesOrRepublishes() {
    Answered first = answered("o-1", PointsReservationStatus.RESERVED, 30);
    Answered repeat = answered("o-1", PointsReservationStatus.RESERVED, 31);

    List<PointsAction> actions =
        decider.plan(List.of(first, repeat), Map.of(key("o-1"), awaiting("o-1")), NOW);
    PaymentRow pending = actions.get(0).row();
    PaymentRow captured =
        PaymentDecider.resolve(
                pending,
                new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_1", null),
                pending.releasedBy(),
                NOW)
            .row();
    PaymentRow unknown =
        PaymentDecider.resolve(
                pending, new ChargeOutcome(ChargeOutcome.Result.UNKNOWN, null, null), null, NOW)
            .row();

    assertThat(actions.get(1).kind()).isEqualTo(Kind.NOT_AWAITING);
    assertThat(decider.decide(pending, first, NOW).kind()).isEqualTo(Kind.RESUME_CHARGE);
    assertThat(decider.decide(captured, first, NOW).kind()).isEqualTo(Kind.REPUBLISH);
    assertThat(decider.decide(unknown, first, NOW).kind()).isEqualTo(Kind.ALREADY_APPLIED);
    assertThat(decider.decide(captured, repeat, NOW).kind()).isEqualTo(Kind.NOT_AWAITING);
    assertThat(decider.decide(null, first, NOW).kind()).isEqualTo(Kind.BEFORE_ORDER);
  }

  @Test
  void answerForOtherPointsOrAnotherCustomerDoesNotMatchItsPayment() {
    PaymentRow row = awaiting("o-1");

    assertThat(decider.mismatch(row, answered("o-1", PointsReservationStatus.RESERVED, 1)))
        .isNull();
    assertThat(decider.mismatch(null, answered("o-1", PointsReservationStatus.RESERVED, 1)))
        .isNull();
    PointsReservation otherPoints = value("o-1", PointsReservationStatus.RESERVED);
    otherPoints.setPoints(POINTS + 1);
    assertThat(decider.mismatch(row, new Answered(record(otherPoints, 2))))
        .startsWith("points mismatch");
    PointsReservation otherCustomer = value("o-1", PointsReservationStatus.RESERVED);
    otherCustomer.setCustomerId("customer-2");
    assertThat(decider.mismatch(row, new Answered(record(otherCustomer, 3))))
        .startsWith("order mismatch");
  }

  @Test
  void anotherMerchantsAnswerForTheSameOrderIdIsAnAnswerForAnotherOrder() {
    PointsReservation otherMerchant = value("o-1", PointsReservationStatus.REFUSED);
    otherMerchant.setMerchantId("merchant-2");
    Answered foreign = new Answered(record(otherMerchant, 4));
    Answered own = answered("o-1", PointsReservationStatus.RESERVED, 5);

    List<PointsAction> actions =
        decider.plan(List.of(foreign, own), Map.of(key("o-1"), awaiting("o-1")), NOW);

    assertThat(foreign.key()).isEqualTo(new OrderKey("merchant-2", "o-1"));
    assertThat(actions.get(0).kind()).isEqualTo(Kind.BEFORE_ORDER);
    assertThat(actions.get(1).kind()).isEqualTo(Kind.RELEASE);
  }

  private PaymentRow awaiting(String orderId) {
    Assessment order = new Assessment(withPoints(approved(orderId, "tok_visa")), 0, 1);
    return payments.newRows(payments.plan(List.of(order), Map.of(), Map.of()), NOW).get(0).row();
  }

  private static RiskAssessed withPoints(RiskAssessed assessment) {
    assessment.getOrder().setPointsToRedeem(POINTS);
    return assessment;
  }

  private static PaymentRow row(List<LedgerEntry> rows, String orderId) {
    return rows.stream()
        .map(LedgerEntry::row)
        .filter(row -> row.orderId().equals(orderId))
        .findFirst()
        .orElseThrow();
  }

  private static PointsAnswer answer(String orderId, PointsReservationStatus status) {
    return answered(orderId, status, 5).answer();
  }

  private static Answered answered(String orderId, PointsReservationStatus status, long offset) {
    return new Answered(record(value(orderId, status), offset));
  }

  private static PointsReservation value(String orderId, PointsReservationStatus status) {
    return PointsReservation.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("merchant-1")
        .setCustomerId("customer-" + orderId)
        .setPoints(POINTS)
        .setStatus(status)
        .setReason(
            status == PointsReservationStatus.REFUSED ? ContractRules.INSUFFICIENT_POINTS : null)
        .setAvailablePoints(0)
        .setDecidedAt(NOW)
        .build();
  }

  private static ConsumerRecord<String, PointsReservation> record(
      PointsReservation value, long offset) {
    return new ConsumerRecord<>(
        Topics.POINTS_RESERVATIONS.name(),
        2,
        offset,
        OrderKey.of(value.getMerchantId(), value.getOrderId()),
        value);
  }
}
