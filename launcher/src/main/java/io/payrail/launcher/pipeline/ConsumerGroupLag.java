package io.payrail.launcher.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many records a consumer group has yet to process, counting records only: a transactional
 * consumer that commits {@code offset + 1} stops in front of the commit marker, so the plain
 * difference to the end offset says 1 on a partition where nothing is left. Partitions with a
 * difference are read ({@code read_committed}) from the committed offset to the end.
 */
public final class ConsumerGroupLag {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Admin admin;
  private final String bootstrapServers;

  public ConsumerGroupLag(Admin admin, String bootstrapServers) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Unprocessed records per partition of the group's input topics, its own repartition topics and
   * whatever else it has committed offsets for; only partitions with records left are returned.
   */
  public Map<TopicPartition, Long> pending(String group, List<String> inputTopics) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Set<String> topics = new HashSet<>(inputTopics);
      for (String topic : admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        if (topic.startsWith(group + "-") && topic.endsWith("-repartition")) {
          topics.add(topic);
        }
      }
      Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
      Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> from = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        long start =
            Math.max(starts.getOrDefault(partition, 0L), offset == null ? 0L : offset.offset());
        if (start < ends.getOrDefault(partition, 0L)) {
          from.put(partition, start);
        }
      }
      return from.isEmpty() ? Map.of() : countRecords(from, ends);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the lag of " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the lag of " + group, e);
    }
  }

  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private Map<TopicPartition, Long> countRecords(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<TopicPartition, Long> pending = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<TopicPartition> open = new ArrayList<>(from.keySet());
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ends.get(partition)) {
            pending.merge(partition, 1L, Long::sum);
          }
        }
        open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
      }
      // What could not be read in time counts as pending: better a later retry than a false zero.
      open.forEach(
          partition ->
              pending.merge(partition, ends.get(partition) - from.get(partition), Long::max));
    }
    return pending;
  }
}
