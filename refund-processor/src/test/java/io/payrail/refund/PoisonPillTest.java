package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.schemas.keys.OrderKey;
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

    RecordMetadata poison = sendRaw(key(orderId), garbage);
    send(request(orderId + "-r1", orderId, 100L));

    assertThat(awaitRefunds(List.of(orderId), 1).get(orderId).get(0).getStatus())
        .isEqualTo(RefundStatus.COMPLETED);
    await()
        .atMost(PROCESSED_WITHIN)
        .until(() -> !committedDeadLetters(List.of(key(orderId))).isEmpty());
    List<ConsumerRecord<String, byte[]>> letters = committedDeadLetters(List.of(key(orderId)));
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

  /**
   * Keys are strict: a request keyed by its bare orderId (as before keys were merchant-scoped) or
   * by another merchant's key is dead-lettered, never refunded, and the partition moves on.
   */
  @Test
  void requestWhoseKeyIsNotItsMerchantIdAndOrderIdIsDeadLettered() {
    String orderId = newOrderId("bare-key");
    seedPayment(orderId, 500, "CAPTURED");
    String otherMerchantsKey = OrderKey.of("another-merchant", orderId);

    send(orderId, request(orderId + "-r1", orderId, 100L));
    send(otherMerchantsKey, request(orderId + "-r2", orderId, 100L));
    send(request(orderId + "-r3", orderId, 100L));

    RefundProcessed only = awaitRefunds(List.of(orderId), 1).get(orderId).get(0);
    assertThat(only.getRefundId()).isEqualTo(orderId + "-r3");
    assertThat(only.getStatus()).isEqualTo(RefundStatus.COMPLETED);
    await()
        .atMost(PROCESSED_WITHIN)
        .until(() -> committedDeadLetters(List.of(orderId, otherMerchantsKey)).size() == 2);
    assertThat(committedDeadLetters(List.of(orderId, otherMerchantsKey)))
        .map(ConsumerRecord::key)
        .containsExactlyInAnyOrder(orderId, otherMerchantsKey);
    assertThat(committedDeadLetters(List.of(orderId)).get(0).headers())
        .anySatisfy(
            header ->
                assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .contains("merchantId/orderId"));
    assertThat(refundRows(orderId)).isEqualTo(1);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
    return record.headers().lastHeader(name).value();
  }
}
