package io.payrail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.localstack.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.query.Position;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes bounds against a real broker: what the topology records, and what the
 * application's consumer group committed (a store restored from local state or its changelog holds
 * at least that, though the topology recorded nothing of it).
 */
class ProcessedOffsetsTest {

  private static Admin admin;

  @BeforeAll
  static void connect() {
    admin = Admin.create(TestInfrastructure.shared().clientConfig());
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @Test
  void partitionTheGroupCommittedPastIsReachedThoughTheTopologyRecordedNothing() {
    String topic = newTopicWithRecords(3);
    String group = "group-" + UUID.randomUUID();
    commit(group, new TopicPartition(topic, 0), 3);
    ProcessedOffsets processed =
        new ProcessedOffsets(new CommittedOffsets(admin, () -> group, Duration.ofSeconds(1)));
    Position lastRecord = Position.emptyPosition().withComponent(topic, 0, 2);

    await().atMost(Duration.ofSeconds(5)).until(() -> processed.reached(lastRecord));
  }

  @Test
  void partitionTheGroupCommittedShortOfIsNotReachedUntilTheTopologyRecordsIt() {
    String topic = newTopicWithRecords(3);
    String group = "group-" + UUID.randomUUID();
    commit(group, new TopicPartition(topic, 0), 2);
    ProcessedOffsets processed =
        new ProcessedOffsets(new CommittedOffsets(admin, () -> group, Duration.ofMillis(100)));
    Position lastRecord = Position.emptyPosition().withComponent(topic, 0, 2);

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !processed.reached(lastRecord));
    processed.record(topic, 0, 2);
    assertThat(processed.reached(lastRecord)).isTrue();
  }

  @Test
  void partitionOfAGroupThatNeverCommittedIsReachedOnlyByWhatTheTopologyRecords() {
    String topic = newTopicWithRecords(1);
    String group = "group-" + UUID.randomUUID();
    ProcessedOffsets processed =
        new ProcessedOffsets(new CommittedOffsets(admin, () -> group, Duration.ofMillis(100)));
    Position firstRecord = Position.emptyPosition().withComponent(topic, 0, 0);

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !processed.reached(firstRecord));
    processed.record(topic, 0, 0);
    assertThat(processed.reached(firstRecord)).isTrue();
  }

  /** A fresh one-partition topic holding {@code count} records at offsets 0 .. count-1. */
  private static String newTopicWithRecords(int count) {
    String topic = "processed-offsets-" + UUID.randomUUID();
    try {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            TestInfrastructure.shared().clientConfig(),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "key", "value-" + i));
      }
      producer.flush();
    }
    return topic;
  }

  /** Commits {@code offset} (the next one to read) for the group, as a stream thread would. */
  private static void commit(String group, TopicPartition partition, long offset) {
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
    }
  }
}
