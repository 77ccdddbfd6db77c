package io.payrail.launcher.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@link CostSnapshot}s: every topic's end offsets (what the broker appended, including
 * markers, changelogs, repartition topics, offsets and transaction state), the broker's counters
 * and the processes' CPU time.
 */
final class CostMeter {

  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;
  private final BrokerMetrics broker;
  private final Supplier<Map<String, Long>> processes;
  private final Set<String> ignoredTopics;

  /**
   * @param broker the broker's counters, or null when they cannot be read
   * @param processes the processes to read CPU time of, by name (read at each snapshot: services
   *     come and go)
   * @param ignoredTopics topics that are not part of what is measured (the raw baseline's)
   */
  CostMeter(
      Admin admin,
      BrokerMetrics broker,
      Supplier<Map<String, Long>> processes,
      Set<String> ignoredTopics) {
    this.admin = admin;
    this.broker = broker;
    this.processes = processes;
    this.ignoredTopics = Set.copyOf(ignoredTopics);
  }

  CostSnapshot snapshot(long units) {
    return new CostSnapshot(
        System.nanoTime(),
        units,
        recordsByTopic(),
        broker != null ? broker.read() : null,
        ProcessCpu.read(processes.get()));
  }

  private Map<String, Long> recordsByTopic() {
    try {
      Set<String> topics =
          admin
              .listTopics(new ListTopicsOptions().listInternal(true))
              .names()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .forEach(
              (name, description) -> {
                if (!ignoredTopics.contains(name)) {
                  description
                      .partitions()
                      .forEach(
                          p ->
                              request.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest()));
                }
              });
      Map<String, Long> records = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .forEach((partition, info) -> records.merge(partition.topic(), info.offset(), Long::sum));
      return records;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the topics' end offsets", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading end offsets", e);
    }
  }
}
