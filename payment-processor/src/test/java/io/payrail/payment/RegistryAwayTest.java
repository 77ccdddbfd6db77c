package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentStatus;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The schema registry away is not a bad record: a value that cannot be read because the registry
 * does not answer is read again once it is back, never dead-lettered or skipped.
 */
class RegistryAwayTest extends PaymentIntegrationTest {

  private static final Duration AWAY = Duration.ofSeconds(4);

  @AfterEach
  void registryBack() {
    if (!registryUp) {
      TestInfrastructure.shared().startRegistry();
      registryUp = true;
    }
  }

  private boolean registryUp = true;

  @Test
  void orderReadWhileTheRegistryIsAwayIsPaidOnceItIsBackAndNeverDeadLettered() {
    // This test's producer knows its schema id from here on; the processor's new consumer will not.
    awaitConsumed(send(approved(newOrderId("registry-warm-up"), "tok_visa")));
    String orderId = newOrderId("registry-away");

    restartListener(
        () -> {
          TestInfrastructure.shared().stopRegistry();
          registryUp = false;
        });
    RecordMetadata sent = send(approved(orderId, "tok_visa"));

    // A fresh consumer must ask the registry for the writer schema: it cannot, for seconds.
    await()
        .during(AWAY)
        .atMost(AWAY.multipliedBy(2))
        .until(
            () ->
                committedDeadLetters(List.of(encodedKey(orderId))).isEmpty()
                    && payments(orderId) == 0);

    TestInfrastructure.shared().startRegistry();
    registryUp = true;
    awaitConsumed(sent);

    assertThat(payments(orderId)).isOne();
    assertThat(committedPayments(List.of(orderId)))
        .singleElement()
        .satisfies(event -> assertThat(event.getStatus()).isEqualTo(PaymentStatus.CAPTURED));
    assertThat(committedDeadLetters(List.of(encodedKey(orderId)))).isEmpty();
  }
}
