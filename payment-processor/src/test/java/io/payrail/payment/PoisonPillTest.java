package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RiskAssessed;
import io.payrail.payment.intake.InvalidAssessmentException;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

/** Bad records go to order-risk.DLT with the reason; the records around them are paid. */
class PoisonPillTest extends PaymentIntegrationTest {

  @Test
  void poisonPillGoesToTheDeadLetterTopicAndItsNeighboursArePaid() {
    String before = newOrderId("before-poison");
    String poison = newOrderId("poison");
    String after = newOrderId("after-poison");
    RecordMetadata first = send(approved(before, "tok_visa"));
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    RecordMetadata pill = sendRaw(poison, garbage, first.partition());
    RecordMetadata last = send(encodedKey(after), approved(after, "tok_visa"), first.partition());
    awaitConsumed(first, pill, last);

    assertThat(payments(before)).isOne();
    assertThat(payments(after)).isOne();
    assertThat(committedPayments(List.of(before, after))).hasSize(2);

    List<ConsumerRecord<String, byte[]>> letters = committedDeadLetters(List.of(poison));
    assertThat(letters).hasSize(1);
    ConsumerRecord<String, byte[]> letter = letters.get(0);
    assertThat(letter.value()).isEqualTo(garbage);
    assertThat(letter.partition()).isEqualTo(pill.partition());
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(DeserializationException.class.getName());
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
    assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ORDER_RISK.name());
    assertThat(intHeader(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo(pill.partition());
    assertThat(longHeader(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(pill.offset());
  }

  /**
   * Unreadable bytes were never checked by the contract: a producer sending JSON with a card number
   * must not get it stored in the dead-letter topic, neither in the value nor in a header.
   */
  @Test
  void unreadableRecordHoldingACardNumberIsDeadLetteredWithoutIt() {
    String poison = newOrderId("poison-card");
    byte[] json =
        "{\"orderId\":\"x\",\"card\":\"4111 1111 1111 1111\"}".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.ORDER_RISK.name(), null, poison, json);
    record.headers().add("note", "card 4111-1111-1111-1111".getBytes(StandardCharsets.UTF_8));
    record.headers().add("source", "upstream-7".getBytes(StandardCharsets.UTF_8));
    RecordMetadata pill = sendRaw(record);
    awaitConsumed(pill);

    List<ConsumerRecord<String, byte[]>> letters = committedDeadLetters(List.of(poison));
    assertThat(letters).hasSize(1);
    ConsumerRecord<String, byte[]> letter = letters.get(0);
    assertThat(letter.value()).isNull();
    assertThat(letter.headers().lastHeader("note")).isNull();
    assertThat(header(letter, "source")).isEqualTo("upstream-7");
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(DeserializationException.class.getName());
    assertThat(longHeader(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(pill.offset());
    for (Header header : letter.headers()) {
      assertThat(new String(header.value(), StandardCharsets.UTF_8))
          .as(header.key())
          .doesNotContain("4111");
    }
  }

  @Test
  void invalidAssessmentGoesToTheDeadLetterTopicWithTheBrokenRule() {
    String orderId = newOrderId("invalid");
    RiskAssessed negative = approved(orderId, "tok_visa");
    negative.getOrder().setAmountMinor(-1L);
    RecordMetadata sent = send(negative);
    awaitConsumed(sent);

    assertThat(payments(orderId)).isZero();
    assertThat(charges(orderId)).isZero();
    List<ConsumerRecord<String, byte[]>> letters =
        committedDeadLetters(List.of(encodedKey(orderId)));
    assertThat(letters).hasSize(1);
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
        .isEqualTo(InvalidAssessmentException.class.getName());
    assertThat(header(letters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("amountMinor must be positive");
    assertThat(longHeader(letters.get(0), KafkaHeaders.DLT_ORIGINAL_OFFSET))
        .isEqualTo(sent.offset());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static int intHeader(ConsumerRecord<String, byte[]> record, String name) {
    return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getInt();
  }

  private static long longHeader(ConsumerRecord<String, byte[]> record, String name) {
    return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getLong();
  }
}
