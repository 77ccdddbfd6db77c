package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts the committed records ({@code read_committed}) that appear on a topic from now on: how
 * much a stage of the ladder has delivered. Values are not read, so counting costs the load
 * generator next to nothing.
 */
final class TopicCounter implements AutoCloseable {

  private final AtomicLong count = new AtomicLong();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final boolean keepKeys;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /**
   * @param keepKeys whether to remember every key seen (the payment stage's orders, which the
   *     refund stage then refunds)
   */
  TopicCounter(String bootstrapServers, String topic, boolean keepKeys) {
    this.keepKeys = keepKeys;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end offsets now: only what is written after this counts.
    partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
    this.thread = new Thread(() -> poll(consumer), "bench-count-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void poll(KafkaConsumer<String, byte[]> consumer) {
    try (consumer) {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (keepKeys && record.key() != null) {
            keys.add(record.key());
          }
          count.incrementAndGet();
        }
      }
    }
  }

  long count() {
    return count.get();
  }

  /** The keys seen, when asked to keep them. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
