package io.payrail.payment.decision;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.RiskDecision;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusChange;
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
        .satisfies(request -> assertThat(request.idempotencyKey()).isEqualTo("payrail:charge:a"));
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
            Map.of("a", rowA, "b", rowB));

    assertThat(plan.toRepublish()).containsExactly(rowA);
    assertThat(plan.duplicates()).containsExactly(duplicate, sameBatchDuplicate);
    assertThat(plan.toCharge()).containsExactly(first);
  }

  @Test
  void chargedRowsCarryTheirWholeHistory() {
    Assessment approve = new Assessment(approved("a", "tok_chargeDeclined"), 0, 1);
    BatchPlan plan = decider.plan(List.of(approve), Map.of());

    List<LedgerEntry> entries =
        decider.ledgerEntries(
            plan,
            Map.of("a", new ChargeOutcome(ChargeOutcome.Result.DECLINED, "ch_1", "card_declined")),
            NOW);

    assertThat(entries)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.row().status()).isEqualTo(LedgerStatus.DECLINED);
              assertThat(entry.row().declineCode()).isEqualTo("card_declined");
              assertThat(entry.history())
                  .extracting(StatusChange::to)
                  .containsExactly(LedgerStatus.PENDING, LedgerStatus.DECLINED);
            });
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

  private PaymentRow rowFrom(Assessment assessment) {
    BatchPlan plan = decider.plan(List.of(assessment), Map.of());
    return decider
        .ledgerEntries(
            plan,
            Map.of(
                assessment.orderId(),
                new ChargeOutcome(ChargeOutcome.Result.CAPTURED, "ch_x", null)),
            NOW)
        .get(0)
        .row();
  }
}
