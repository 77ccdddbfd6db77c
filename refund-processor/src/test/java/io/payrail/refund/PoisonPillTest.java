package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundStatus;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

class PoisonPillTest extends RefundIntegrationTest {

  @Test
  void undeserializableRequestGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
    String orderId = newOrderId("poison");
    seedPayment(orderId, 500, "CAPTURED");
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

    RecordMetadata poison = sendRaw(orderId, garbage);
    send(request(orderId + "-r1", orderId, 100L));

    assertThat(awaitRefunds(List.of(orderId), 1).get(orderId).get(0).getStatus())
        .isEqualTo(RefundStatus.COMPLETED);
    await().atMost(PROCESSED_WITHIN).until(() -> !committedDeadLetters(List.of(orderId)).isEmpty());
    List<ConsumerRecord<String, byte[]>> letters = committedDeadLetters(List.of(orderId));
    assertThat(letters).hasSize(1);
    ConsumerRecord<String, byte[]> letter = letters.get(0);
    assertThat(letter.value()).isEqualTo(garbage);
    assertThat(new String(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC), StandardCharsets.UTF_8))
        .isEqualTo(Topics.REFUND_REQUESTS.name());
    assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET))
        .isEqualTo(ByteBuffer.allocate(Long.BYTES).putLong(poison.offset()).array());
    assertThat(new String(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN), StandardCharsets.UTF_8))
        .contains("DeserializationException");
    assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotEmpty();
  }

  private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
    return record.headers().lastHeader(name).value();
  }
}
