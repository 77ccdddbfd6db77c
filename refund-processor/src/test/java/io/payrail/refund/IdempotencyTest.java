package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends RefundIntegrationTest {

  @Test
  void repeatedRefundIdRefundsOnceAndAnswersTheSame() {
    String orderId = newOrderId("repeat");
    seedPayment(orderId, 1_000, "CAPTURED");
    String refundId = orderId + "-r1";

    send(request(refundId, orderId, 300L));
    send(request(refundId, orderId, 300L));
    send(request(refundId, orderId, 400L));

    List<RefundProcessed> events = awaitRefunds(List.of(orderId), 3).get(orderId);
    assertThat(events.get(1)).isEqualTo(events.get(0));
    assertThat(Answer.of(events.get(0)))
        .isEqualTo(new Answer(refundId, RefundStatus.COMPLETED, null, 300, 300));
    assertThat(Answer.of(events.get(2)))
        .isEqualTo(new Answer(refundId, RefundStatus.REJECTED, "idempotency_mismatch", 400, 300));
    assertThat(refundRows(orderId)).isEqualTo(1);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(300);
  }

  @Test
  void refundIdReusedForAnotherOrderIsRejected() {
    String first = newOrderId("owner");
    String second = newOrderId("other");
    seedPayment(first, 1_000, "CAPTURED");
    seedPayment(second, 1_000, "CAPTURED");
    String refundId = first + "-r1";

    send(request(refundId, first, 100L));
    awaitRefunds(List.of(first), 1);
    send(request(refundId, second, 100L));

    RefundProcessed mismatch = awaitRefunds(List.of(second), 1).get(second).get(0);
    assertThat(mismatch.getRejectionCode()).isEqualTo("idempotency_mismatch");
    assertThat(refundRows(second)).isZero();
    assertThat(acquirerRefunds(second)).isZero();
    assertThat(acquirerRefunds(first)).isEqualTo(1);
  }
}
