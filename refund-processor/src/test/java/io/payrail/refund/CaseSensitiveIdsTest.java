package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundStatus;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Ids are exact: refundIds and orderIds that differ only in letter case are different refunds and
 * different orders, in the ledger and at the acquirer, as they are on Kafka and in the facade.
 */
class CaseSensitiveIdsTest extends RefundIntegrationTest {

  @Test
  void refundIdsThatDifferOnlyInCaseAreTwoRefundsAndLaterRefundsStillComplete() {
    String orderId = newOrderId("case");
    seedPayment(orderId, 1_000, "CAPTURED");
    String lower = (orderId + "-r").toLowerCase(Locale.ROOT);
    String upper = lower.toUpperCase(Locale.ROOT);

    send(request(lower, orderId, 100L));
    send(request(upper, orderId, 200L));
    send(request(orderId + "-later", orderId, 300L));

    List<Answer> answers =
        awaitRefunds(List.of(orderId), 3).get(orderId).stream().map(Answer::of).toList();
    assertThat(answers)
        .containsExactly(
            new Answer(lower, RefundStatus.COMPLETED, null, 100, 100),
            new Answer(upper, RefundStatus.COMPLETED, null, 200, 300),
            new Answer(orderId + "-later", RefundStatus.COMPLETED, null, 300, 600));
    assertThat(refundRows(orderId, "COMPLETED")).isEqualTo(3);
    assertThat(acquirerRefunds(orderId)).isEqualTo(3);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(600);
  }

  @Test
  void ordersWhoseIdsDifferOnlyInCaseAreRefundedSeparately() {
    String lower = newOrderId("order-case").toLowerCase(Locale.ROOT);
    String upper = lower.toUpperCase(Locale.ROOT);
    seedPayment(lower, 500, "CAPTURED");
    seedPayment(upper, 700, "CAPTURED");

    send(request(lower + "-r1", lower, null));
    send(request(upper + "-r1", upper, null));

    var byOrder = awaitRefunds(List.of(lower, upper), 2);
    assertThat(Answer.of(byOrder.get(lower).get(0)))
        .isEqualTo(new Answer(lower + "-r1", RefundStatus.COMPLETED, null, 500, 500));
    assertThat(Answer.of(byOrder.get(upper).get(0)))
        .isEqualTo(new Answer(upper + "-r1", RefundStatus.COMPLETED, null, 700, 700));
    assertThat(refundedAtAcquirer(lower)).isEqualTo(500);
    assertThat(refundedAtAcquirer(upper)).isEqualTo(700);
  }
}
