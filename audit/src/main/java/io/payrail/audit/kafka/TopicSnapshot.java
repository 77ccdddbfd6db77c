package io.payrail.audit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The committed records of some topics up to the end offsets they had when the snapshot started.
 * Fixing the end first makes the read finite on a live cluster and gives every topic the same cut.
 * With {@code read_committed} the end offsets are the last stable offsets, so an open transaction
 * is left out rather than waited for.
 */
public final class TopicSnapshot {

  /** One poll's wait: short, because the loop ends on positions, not on an empty poll. */
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<TopicPartition, Long> endOffsets;
  private final Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsByTopic;

  private TopicSnapshot(
      Map<TopicPartition, Long> endOffsets,
      Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsByTopic) {
    this.endOffsets = endOffsets;
    this.recordsByTopic = recordsByTopic;
  }

  /**
   * Reads every partition of {@code topics} from the consumer's current position (the beginning
   * when {@code fromBeginning}, else the group's committed offsets) to the end offsets captured
   * now, keeping the records {@code keep} accepts (topic, key; the key may be null).
   *
   * @throws TopicReadTimeoutException when the end is not reached within {@code timeout}
   */
  public static TopicSnapshot read(
      Consumer<byte[], byte[]> consumer,
      Collection<String> topics,
      boolean fromBeginning,
      BiPredicate<String, String> keep,
      Duration timeout) {
    List<TopicPartition> partitions = partitionsOf(consumer, topics, timeout);
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    }
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
    topics.forEach(topic -> records.put(topic, new ArrayList<>()));
    Instant deadline = Instant.now().plus(timeout);
    List<TopicPartition> unfinished = unfinished(consumer, partitions, ends);
    while (!unfinished.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new TopicReadTimeoutException(
            "not at the end offsets after "
                + timeout
                + ": "
                + describe(consumer, unfinished, ends));
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(partition) && keep.test(record.topic(), key(record))) {
          records.get(record.topic()).add(record);
        }
      }
      // Stop fetching what is finished: the rest of the wait goes to the partitions still behind.
      unfinished = unfinished(consumer, partitions, ends);
      List<TopicPartition> finished = new ArrayList<>(partitions);
      finished.removeAll(unfinished);
      consumer.pause(finished);
    }
    return new TopicSnapshot(Map.copyOf(ends), records);
  }

  /** The kept records of a topic, in partition order and offset order within each partition. */
  public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
    return recordsByTopic.getOrDefault(topic, List.of());
  }

  /** The end offset of every partition read, as captured when the snapshot started. */
  public Map<TopicPartition, Long> endOffsets() {
    return endOffsets;
  }

  /** The record's key as a UTF-8 string (every contract key is one), or null. */
  public static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null
        ? null
        : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<TopicPartition> partitionsOf(
      Consumer<byte[], byte[]> consumer, Collection<String> topics, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist");
      }
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    return partitions;
  }

  private static List<TopicPartition> unfinished(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends) {
    return partitions.stream()
        .filter(partition -> consumer.position(partition) < ends.get(partition))
        .toList();
  }

  private static String describe(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends) {
    return partitions.stream()
        .map(p -> p + " at " + consumer.position(p) + " of " + ends.get(p))
        .toList()
        .toString();
  }
}
