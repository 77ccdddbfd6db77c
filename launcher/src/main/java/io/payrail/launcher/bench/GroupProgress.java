package io.payrail.launcher.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the one active consumer group that reads a set of topics has come since this was created:
 * the growth of its committed offsets on them. For a stage without an output topic of its own (the
 * status view), whose progress only shows in its commits. Markers of transactional input count as
 * records, a few per cent at most.
 */
final class GroupProgress {

  private static final long TIMEOUT_SECONDS = 15;

  private final Admin admin;
  private final Collection<String> topics;
  private final Map<String, Long> atStart;
  private String group;
  private long last;

  GroupProgress(Admin admin, Collection<String> topics) {
    this.admin = admin;
    this.topics = topics;
    this.atStart = new HashMap<>();
    try {
      for (ConsumerGroupListing listing : groups()) {
        atStart.put(listing.groupId(), sum(listing.groupId()));
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the consumer groups", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the consumer groups", e);
    }
  }

  /**
   * Records the active group committed on the topics since then; 0 until it is found, the last
   * answer when the broker is slow to give one.
   */
  long committed() {
    try {
      if (group == null) {
        for (ConsumerGroupListing listing : groups()) {
          if (listing.groupState().orElse(GroupState.UNKNOWN) == GroupState.STABLE
              && sum(listing.groupId()) > atStart.getOrDefault(listing.groupId(), 0L)) {
            group = listing.groupId();
          }
        }
        if (group == null) {
          return 0;
        }
      }
      last = sum(group) - atStart.getOrDefault(group, 0L);
    } catch (ExecutionException | TimeoutException e) {
      // The next window asks again; a slow answer must not end a phase.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return last;
  }

  private Collection<ConsumerGroupListing> groups()
      throws ExecutionException, InterruptedException, TimeoutException {
    return admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private long sum(String groupId)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(entry -> topics.contains(entry.getKey().topic()) && entry.getValue() != null)
        .mapToLong(entry -> entry.getValue().offset())
        .sum();
  }
}
