package io.payrail.payment.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.PaymentStatus;
import org.junit.jupiter.api.Test;

class LedgerStatusTest {

  @Test
  void pendingEndsCapturedDeclinedOrFailedOrWaitsUnknown() {
    assertThat(LedgerStatus.PENDING.next())
        .containsExactlyInAnyOrder(
            LedgerStatus.CAPTURED,
            LedgerStatus.DECLINED,
            LedgerStatus.FAILED,
            LedgerStatus.UNKNOWN);
    assertThat(LedgerStatus.PENDING.transitionTo(LedgerStatus.CAPTURED))
        .isEqualTo(LedgerStatus.CAPTURED);
  }

  @Test
  void unknownIsResolvedAsTheAcquirerRecordedItAndIsNeverPublished() {
    assertThat(LedgerStatus.UNKNOWN.next())
        .containsExactlyInAnyOrder(
            LedgerStatus.CAPTURED, LedgerStatus.DECLINED, LedgerStatus.FAILED);
    assertThat(LedgerStatus.UNKNOWN.isFinal()).isFalse();
    assertThatThrownBy(LedgerStatus.UNKNOWN::toEventStatus)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finalStatusesNeverChange() {
    for (LedgerStatus end :
        new LedgerStatus[] {
          LedgerStatus.CAPTURED,
          LedgerStatus.DECLINED,
          LedgerStatus.FAILED,
          LedgerStatus.REJECTED_BY_RISK,
          LedgerStatus.REJECTED_BY_REVIEW
        }) {
      for (LedgerStatus target : LedgerStatus.values()) {
        assertThatThrownBy(() -> end.transitionTo(target))
            .isInstanceOf(LedgerStatus.IllegalTransitionException.class);
      }
    }
  }

  @Test
  void capturedCannotGoBackToPending() {
    assertThatThrownBy(() -> LedgerStatus.CAPTURED.transitionTo(LedgerStatus.PENDING))
        .hasMessageContaining("CAPTURED to PENDING");
  }

  @Test
  void heldPaymentIsReleasedOrRejectedByReviewOrWaitsForOrLacksItsPoints() {
    assertThat(LedgerStatus.HELD_FOR_REVIEW.next())
        .containsExactlyInAnyOrder(
            LedgerStatus.PENDING,
            LedgerStatus.REJECTED_BY_REVIEW,
            LedgerStatus.AWAITING_POINTS,
            LedgerStatus.DECLINED);
    assertThat(LedgerStatus.REJECTED_BY_REVIEW.toEventStatus())
        .isEqualTo(PaymentStatus.REJECTED_BY_REVIEW);
    assertThat(LedgerStatus.REJECTED_BY_REVIEW.isInitial()).isFalse();
  }

  @Test
  void awaitingPointsIsReleasedOrDeclinedAndNeverPublished() {
    assertThat(LedgerStatus.AWAITING_POINTS.next())
        .containsExactlyInAnyOrder(LedgerStatus.PENDING, LedgerStatus.DECLINED);
    assertThat(LedgerStatus.AWAITING_POINTS.isInitial()).isTrue();
    assertThat(LedgerStatus.AWAITING_POINTS.isFinal()).isFalse();
    assertThatThrownBy(LedgerStatus.AWAITING_POINTS::toEventStatus)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pendingIsNeverPublished() {
    assertThatThrownBy(LedgerStatus.PENDING::toEventStatus)
        .isInstanceOf(IllegalStateException.class);
    assertThat(LedgerStatus.HELD_FOR_REVIEW.toEventStatus())
        .isEqualTo(PaymentStatus.HELD_FOR_REVIEW);
  }

  @Test
  void paymentIdsAreDerivedFromTheMerchantAndTheOrderId() {
    assertThat(PaymentIds.paymentId("m-1", "order-1"))
        .isEqualTo(PaymentIds.paymentId("m-1", "order-1"))
        .isNotEqualTo(PaymentIds.paymentId("m-1", "order-2"))
        .isNotEqualTo(PaymentIds.paymentId("m-2", "order-1"))
        .startsWith("pay_")
        .hasSize(36);
    assertThat(PaymentIds.chargeKey("m-1", "order-1"))
        .isEqualTo("payrail:charge:" + PaymentIds.paymentId("m-1", "order-1"))
        .isNotEqualTo(PaymentIds.chargeKey("m-2", "order-1"))
        .hasSize(51);
  }
}
