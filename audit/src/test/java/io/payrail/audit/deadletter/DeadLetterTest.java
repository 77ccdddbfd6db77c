package io.payrail.audit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void malformedOrMissingHeadersReadAsUnknownInsteadOfFailing() {
    RecordHeaders headers = new RecordHeaders();
    // A partition written as text and a 4-byte offset: not Spring Kafka's encodings.
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, "3".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, new byte[] {0, 0, 0, 1});
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            "orders.DLT",
            2,
            9,
            0L,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            null,
            headers,
            Optional.empty());

    DeadLetter letter = DeadLetter.from(record);

    assertThat(letter.key()).isNull();
    assertThat(letter.originalPartition()).isNull();
    assertThat(letter.originalOffset()).isNull();
    assertThat(letter.exceptionClass()).isNull();
    assertThat(letter.original()).isEmpty();
    assertThat(letter.valueSize()).isEqualTo(-1);
    assertThat(letter.render()).contains("orders.DLT-2@9", "from=unknown");
  }
}
