package io.payrail.localstack.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what services wrote to a topic of the shared broker, as a downstream consumer would: read
 * committed, string keys, raw values. For tests that count results per key.
 */
public final class TopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<String, Integer> counts = new HashMap<>();

  private TopicReader(TestInfrastructure infra, String topic) {
    Map<String, Object> config = infra.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
  }

  /** A reader of what is written to {@code topic} from now on. */
  public static TopicReader fromEnd(TestInfrastructure infra, String topic) {
    TopicReader reader = new TopicReader(infra, topic);
    reader.consumer.seekToEnd(reader.partitions);
    // seekToEnd is lazy: resolve the positions before anything else is written.
    reader.partitions.forEach(reader.consumer::position);
    return reader;
  }

  /** The keys of every committed record of {@code topic} now, read to its end. */
  public static List<String> keysToEnd(TestInfrastructure infra, String topic, Duration timeout) {
    try (TopicReader reader = new TopicReader(infra, topic)) {
      reader.consumer.seekToBeginning(reader.partitions);
      Map<TopicPartition, Long> end = reader.consumer.endOffsets(reader.partitions);
      List<String> keys = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (end.entrySet().stream()
          .anyMatch(e -> reader.consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        reader.consumer.poll(POLL).forEach(record -> keys.add(record.key()));
      }
      return keys;
    }
  }

  /**
   * Polls once and returns how many records each of the {@code wanted} keys has had since this
   * reader started.
   */
  public Map<String, Integer> countKeys(Set<String> wanted) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
      if (wanted.contains(record.key())) {
        counts.merge(record.key(), 1, Integer::sum);
      }
    }
    return Map.copyOf(counts);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
