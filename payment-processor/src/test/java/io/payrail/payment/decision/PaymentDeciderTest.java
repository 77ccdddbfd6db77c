package io.payrail.payment.decision;

import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.RiskDecision;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusChange;
import io.payrail.payment.ledger.StatusUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentDeciderTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private final PaymentDecider decider = new PaymentDecider();

  @Test
  void onlyNewApprovedOrdersAreCharged() {
    Assessment approve = new Assessment(approved("a", "tok_visa"), 0, 1);
    Assessment decline = new Assessment(assessed("d", RiskDecision.DECLINE, "tok_visa"), 0, 2);
    Assessment review = new Assessment(assessed("r", RiskDecision.REVIEW, "tok_visa"), 0, 3);

    BatchPlan plan = decider.plan(List.of(approve, decline, review), Map.of());

    assertThat(plan.toCharge()).containsExactly(approve);
    assertThat(plan.withoutCharge()).containsExactly(decline, review);
    assertThat(decider.chargeRequests(plan))
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.idempotencyKey())
                    .isEqualTo("payrail:charge:" + PaymentIds.paymentId(MERCHANT, "a")));
  }

  @Test
  void redeliveredRecordRepublishesItsRowAndAnotherRecordIsADuplicate() {
    Assessment redelivered = new Assessment(approved("a", "tok_visa"), 3, 40);
    Assessment duplicate = new Assessment(approved("b", "tok_visa"), 3, 41);
    Assessment sameBatchDuplicate = new Assessment(approved("c", "tok_visa"), 3, 43);
    Assessment first = new Assessment(approved("c", "tok_visa"), 3, 42);
    PaymentRow rowA = rowFrom(redelivered);
    PaymentRow rowB = rowFrom(new Assessment(approved("b", "tok_visa"), 3, 7));

    BatchPlan plan =
        decider.plan(
            List.of(redelivered, duplicate, first, sameBatchDuplicate),
            Map.of(key("a"), rowA, key("b"), rowB));

    assertThat(plan.toRepublish()).containsExactly(rowA);
    assertThat(plan.duplicates()).containsExactly(duplicate, sameBatchDuplicate);
    assertThat(plan.toCharge()).containsExactly(first);
  }

  @Test
  void pendingRowIsWrittenBeforeTheChargeAndTheAnswerMovesItOn() {
    Assessment approve = new Assessment(approved("a", "tok_chargeDeclined"), 0, 1);
    BatchPlan plan = decider.plan(List.of(approve), Map.of());

    List<LedgerEntry> pending = decider.newRows(plan, NOW);
    assertThat(pending)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.row().status()).isEqualTo(LedgerStatus.PENDING);
              assertThat(entry.row().finalizedBy()).isNull();
            });
    List<StatusUpdate> answered =
        decider.chargeResults(
            plan,
            pending,
            Map.of(
                PaymentIds.chargeKey(MERCHANT, "a"),
                new ChargeOutcome(ChargeOutcome.Result.DECLINED, "ch_1", "card_declined")),
            NOW);

    assertThat(answered)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.from()).isEqualTo(LedgerStatus.PENDING);
              assertThat(update.row().status()).isEqualTo(LedgerStatus.DECLINED);
              assertThat(update.row().declineCode()).isEqualTo("card_declined");
              assertThat(update.row().finalizedBy()).isEqualTo(approve.source());
            });
  }

  @Test
  void chargeWithoutAnAnswerLeavesTheRowUnknownAndFinalizedByNobody() {
    Assessment approve = new Assessment(approved("a", "tok_timeout"), 0, 1);
    BatchPlan plan = decider.plan(List.of(approve), Map.of());
    List<LedgerEntry> pending = decider.newRows(plan, NOW);

    StatusUpdate update =
        decider
            .chargeResults(
                plan,
                pending,
                Map.of(
                    PaymentIds.chargeKey(MERCHANT, "a"),
                    new ChargeOutcome(ChargeOutcome.Result.UNKNOWN, null, "gateway_timeout")),
                NOW)
            .get(0);

    assertThat(update.row().status()).isEqualTo(LedgerStatus.UNKNOWN);
    assertThat(update.row().finalizedBy()).isNull();
    assertThat(update.row().withOutcome(LedgerStatus.CAPTURED, null, "ch_2", approve.source(), NOW))
        .satisfies(row -> assertThat(row.status()).isEqualTo(LedgerStatus.CAPTURED));
  }

  @Test
  void redeliveredRecordWithAPendingRowIsChargedAgainAndAnUnknownRowIsLeftToTheReconciler() {
    Assessment pendingAgain = new Assessment(approved("p", "tok_visa"), 2, 10);
    Assessment unknownAgain = new Assessment(approved("u", "tok_timeout"), 2, 11);
    PaymentRow pendingRow =
        decider.newRows(decider.plan(List.of(pendingAgain), Map.of()), NOW).get(0).row();
    PaymentRow unknownRow =
        decider
            .newRows(decider.plan(List.of(unknownAgain), Map.of()), NOW)
            .get(0)
            .row()
            .withOutcome(LedgerStatus.UNKNOWN, "gateway_timeout", null, null, NOW);

    BatchPlan plan =
        decider.plan(
            List.of(pendingAgain, unknownAgain),
            Map.of(key("p"), pendingRow, key("u"), unknownRow));

    assertThat(plan.toCharge()).containsExactly(pendingAgain);
    assertThat(plan.pending()).containsEntry(key("p"), pendingRow);
    assertThat(decider.newRows(plan, NOW)).isEmpty();
    assertThat(plan.duplicates()).containsExactly(unknownAgain);
  }

  @Test
  void aPendingRowIsChargedAgainWithTheKeyStoredWithItNotANewDerivation() {
    Assessment again = new Assessment(approved("legacy", "tok_visa"), 2, 13);
    PaymentRow written = decider.newRows(decider.plan(List.of(again), Map.of()), NOW).get(0).row();
    assertThat(written.chargeKey()).isEqualTo(PaymentIds.chargeKey(MERCHANT, "legacy"));
    PaymentRow legacy = withChargeKey(written, "payrail:charge:legacy");

    BatchPlan plan = decider.plan(List.of(again), Map.of(key("legacy"), legacy));

    assertThat(decider.chargeRequests(plan))
        .singleElement()
        .satisfies(
            request -> assertThat(request.idempotencyKey()).isEqualTo("payrail:charge:legacy"));
    assertThat(
            decider.chargeResults(
                plan,
                List.of(),
                Map.of(
                    "payrail:charge:legacy",
                    new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_l", null)),
                NOW))
        .singleElement()
        .satisfies(
            update -> assertThat(update.row().chargeKey()).isEqualTo("payrail:charge:legacy"));
  }

  @Test
  void twoMerchantsOrdersWithTheSameOrderIdAreTwoOrdersWithTwoKeys() {
    Assessment first =
        new Assessment(assessed("m-a", "1001", RiskDecision.APPROVE, "tok_visa"), 0, 1);
    Assessment second =
        new Assessment(assessed("m-b", "1001", RiskDecision.APPROVE, "tok_visa"), 1, 1);

    BatchPlan plan = decider.plan(List.of(first, second), Map.of());

    assertThat(plan.toCharge()).containsExactly(first, second);
    assertThat(plan.duplicates()).isEmpty();
    assertThat(decider.chargeRequests(plan))
        .extracting(request -> request.idempotencyKey())
        .containsExactly(PaymentIds.chargeKey("m-a", "1001"), PaymentIds.chargeKey("m-b", "1001"))
        .doesNotHaveDuplicates();
    assertThat(decider.newRows(plan, NOW))
        .extracting(entry -> entry.row().paymentId())
        .doesNotHaveDuplicates();
  }

  @Test
  void redeliveredReviewRecordLeavesAReleasedRowToTheReviewListener() {
    Assessment review = new Assessment(assessed("h", RiskDecision.REVIEW, "tok_visa"), 2, 12);
    PaymentRow held = decider.newRows(decider.plan(List.of(review), Map.of()), NOW).get(0).row();
    PaymentRow released =
        held.withReview(
            LedgerStatus.PENDING, null, new SourceRecord("review-decisions", 2, 5), NOW);

    BatchPlan plan = decider.plan(List.of(review), Map.of(key("h"), released));

    assertThat(plan.toCharge()).isEmpty();
    assertThat(plan.toRepublish()).isEmpty();
    assertThat(plan.duplicates()).containsExactly(review);
  }

  @Test
  void aHistoryThatSkipsTheStateMachineIsRejected() {
    PaymentRow captured = rowFrom(new Assessment(approved("a", "tok_visa"), 0, 1));
    assertThatThrownBy(
            () ->
                new LedgerEntry(
                    captured, List.of(new StatusChange(null, LedgerStatus.CAPTURED, "x", NOW))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PaymentRow withChargeKey(PaymentRow row, String chargeKey) {
    return new PaymentRow(
        row.paymentId(),
        chargeKey,
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
        row.paymentToken(),
        row.reviewedBy(),
        row.coupon(),
        row.pointsRedeemed(),
        row.pointsBy());
  }

  private PaymentRow rowFrom(Assessment assessment) {
    BatchPlan plan = decider.plan(List.of(assessment), Map.of());
    return decider
        .chargeResults(
            plan,
            decider.newRows(plan, NOW),
            Map.of(
                PaymentIds.chargeKey(MERCHANT, assessment.orderId()),
                new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_x", null)),
            NOW)
        .get(0)
        .row();
  }
}
