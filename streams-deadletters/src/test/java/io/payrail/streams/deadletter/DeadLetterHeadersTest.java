package io.payrail.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.schemas.topics.DeadLetterHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** The contract's header names are the ones Spring Kafka's DeadLetterPublishingRecoverer writes. */
class DeadLetterHeadersTest {

  @Test
  void contractHeadersAreSpringKafkasDeadLetterHeaders() {
    assertThat(DeadLetterHeaders.EXCEPTION_FQCN).isEqualTo(KafkaHeaders.DLT_EXCEPTION_FQCN);
    assertThat(DeadLetterHeaders.EXCEPTION_CAUSE_FQCN)
        .isEqualTo(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
    assertThat(DeadLetterHeaders.EXCEPTION_MESSAGE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    assertThat(DeadLetterHeaders.ORIGINAL_TOPIC).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TOPIC);
    assertThat(DeadLetterHeaders.ORIGINAL_PARTITION).isEqualTo(KafkaHeaders.DLT_ORIGINAL_PARTITION);
    assertThat(DeadLetterHeaders.ORIGINAL_OFFSET).isEqualTo(KafkaHeaders.DLT_ORIGINAL_OFFSET);
    assertThat(DeadLetterHeaders.ORIGINAL_TIMESTAMP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
    assertThat(DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP)
        .isEqualTo(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
    assertThat(KafkaHeaders.DLT_ORIGINAL_TOPIC).startsWith(DeadLetterHeaders.PREFIX);
  }
}
