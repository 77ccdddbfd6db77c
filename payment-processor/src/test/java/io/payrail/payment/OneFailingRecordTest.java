package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record that keeps failing for a reason of its own goes to order-risk.DLT alone, after a few
 * deliveries (or at once when the failure never heals); the orders around it are paid.
 */
class OneFailingRecordTest extends PaymentIntegrationTest {

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void recordThatKeepsFailingIsDeadLetteredAloneAndItsNeighboursArePaid() {
    assertFailingRecordIsDeadLetteredAlone(
        new IllegalStateException("this order breaks the payment step"), MAX_ATTEMPTS);
  }

  @Test
  void permanentFailureIsDeadLetteredWithoutRetries() {
    assertFailingRecordIsDeadLetteredAlone(
        new DuplicateKeyException("this order's key exists already"), 1);
  }

  private void assertFailingRecordIsDeadLetteredAlone(RuntimeException failure, int deliveries) {
    String before = newOrderId("before-failing");
    String failing = newOrderId("failing");
    String after = newOrderId("after-failing");
    crasher.poison(PaymentStep.AFTER_GATEWAY_CALL, encodedKey(failing), failure);

    RecordMetadata first = send(approved(before, "tok_visa"));
    RecordMetadata bad =
        send(encodedKey(failing), approved(failing, "tok_visa"), first.partition());
    RecordMetadata last = send(encodedKey(after), approved(after, "tok_visa"), first.partition());
    awaitConsumed(first, bad, last);

    assertThat(committedPayments(List.of(before, after))).hasSize(2);
    assertThat(payments(before)).isOne();
    assertThat(payments(after)).isOne();
    // Its PENDING row stays for the reconciler (payrail.reconciler.pending-after), which
    // asks the acquirer what became of the charge: nothing is lost.
    assertThat(paymentRow(failing)).containsEntry("status", "PENDING");
    assertThat(committedPayments(List.of(failing))).isEmpty();

    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(List.of(encodedKey(failing)));
    assertThat(letters).hasSize(1);
    ConsumerRecord<String, byte[]> letter = letters.get(0);
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(failure.getClass().getName());
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains(failure.getMessage());
    assertThat(
            java.nio.ByteBuffer.wrap(
                    letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value())
                .getLong())
        .isEqualTo(bad.offset());
    assertThat(committedDeadLetters(List.of(encodedKey(before), encodedKey(after)))).isEmpty();
    // Each delivery fails with the others in its chunk, then alone: how often it failed alone is
    // how often it was delivered.
    assertThat(crasher.failures()).isBetween(deliveries, 2 * deliveries);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
