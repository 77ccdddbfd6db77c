package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrashReplayTest extends RefundIntegrationTest {

  @ParameterizedTest
  @EnumSource(
      value = RefundStep.class,
      names = "AFTER_RESOLUTION_COMMIT",
      mode = EnumSource.Mode.EXCLUDE)
  void crashBetweenTheStepsReplaysIntoExactlyOneRefund(RefundStep step) {
    String orderId = newOrderId("crash");
    seedPayment(orderId, 900, "CAPTURED");
    crasher.arm(step, key(orderId));

    send(request(orderId + "-r1", orderId, 600L));
    // The crash stops the consumer, as a dying process does; a new one takes the partitions.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    restartListener();

    List<RefundProcessed> events = awaitRefunds(List.of(orderId), 1).get(orderId);
    assertThat(crasher.crashes()).isEqualTo(1);
    assertThat(Answer.of(events.get(0)))
        .isEqualTo(new Answer(orderId + "-r1", RefundStatus.COMPLETED, null, 600, 600));
    assertThat(refundRows(orderId)).isEqualTo(1);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(600);
    assertThat(ledgerReference(orderId + "-r1")).isEqualTo(acquirerReference(orderId + "-r1"));
  }
}
