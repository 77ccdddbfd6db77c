package io.payrail.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The source offsets a Kafka Streams application's consumer group has committed, as last looked up
 * with the admin client. A lookup runs only when asked for ({@link #refresh()}, on a
 * read-your-writes miss), at most one at a time and at most one per {@code minInterval}, so a flood
 * of reads of unknown keys costs Kafka one lookup per interval.
 *
 * <p>Not {@code TaskMetadata.committedOffsets()}: Kafka Streams 4.1 starts a task with -1 there and
 * fills it only with the commits of this client, so a task restored from local state or a changelog
 * reports nothing until its first commit, which needs a processed record.
 */
public final class CommittedOffsets {

  private final Admin admin;
  private final Supplier<String> groupId;
  private final long minIntervalNanos;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile Map<TopicPartition, Long> known = Map.of();
  private volatile long nextLookup = System.nanoTime();

  /**
   * @param groupId the application's {@code application.id}, asked for when first needed (the
   *     streams configuration may not be final when this is built)
   * @param minInterval the least time between the starts of two lookups
   */
  public CommittedOffsets(Admin admin, Supplier<String> groupId, Duration minInterval) {
    this.admin = admin;
    this.groupId = groupId;
    this.minIntervalNanos = minInterval.toNanos();
  }

  /** The group's committed offset of the partition (the next one to read), -1 when unknown. */
  public long committed(TopicPartition partition) {
    return known.getOrDefault(partition, -1L);
  }

  /**
   * Starts a lookup in the background unless one is in flight or the last one started less than
   * {@code minInterval} ago; {@link #committed} tells its answer once it is back.
   */
  public void refresh() {
    if (System.nanoTime() - nextLookup < 0 || !inFlight.compareAndSet(false, true)) {
      return;
    }
    nextLookup = System.nanoTime() + minIntervalNanos;
    try {
      admin
          .listConsumerGroupOffsets(groupId.get())
          .partitionsToOffsetAndMetadata()
          .whenComplete(
              (offsets, failure) -> {
                if (failure == null) {
                  known = offsetsOf(offsets);
                }
                // A failed lookup keeps what was known: the next miss after the interval asks
                // again.
                inFlight.set(false);
              });
    } catch (RuntimeException e) {
      inFlight.set(false);
    }
  }

  private static Map<TopicPartition, Long> offsetsOf(Map<TopicPartition, OffsetAndMetadata> all) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    all.forEach(
        (partition, committed) -> {
          if (committed != null) {
            offsets.put(partition, committed.offset());
          }
        });
    return Map.copyOf(offsets);
  }
}
