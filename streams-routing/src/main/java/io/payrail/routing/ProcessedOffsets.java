package io.payrail.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.query.Position;

/**
 * The source offsets whose effects are already in a store, per input partition, as the topology
 * records them right after the store write. This replaces an interactive-queries-v2 position bound:
 * Kafka Streams 4.1 deadlocks when an IQv2 key query (position lock, then store lock) meets the
 * stream thread's write (store lock, then position lock), so reads go through IQv1 and
 * read-your-writes is decided here instead.
 *
 * <p>The topology only records what it processes after this client started; a store restored from
 * local state or its changelog holds more. What a partition's store holds while its task is active
 * and running here is at least every offset before the group's committed offset of the partition
 * (the task restored up to the last commit before it started processing, and commits only what it
 * has written). So a partition the topology has not reached the bound of is judged by that
 * committed offset too ({@link CommittedOffsets}, looked up on such a miss): without it, a
 * restarted instance whose stores already hold every record of a partition would wait forever on
 * that partition until a new record arrives (a lookup of a missing key answered "catching up").
 * Callers read the store after {@link #reached} and treat a partition that is not queryable here as
 * not ready, which is what makes the committed offset a sound lower bound.
 */
public final class ProcessedOffsets {

  private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();
  private final CommittedOffsets committed;

  /** Offsets the topology records only (tests of a topology, without a consumer group). */
  public ProcessedOffsets() {
    this(null);
  }

  /**
   * @param committed the group's committed offsets, consulted for a partition the topology has not
   *     recorded far enough
   */
  public ProcessedOffsets(CommittedOffsets committed) {
    this.committed = committed;
  }

  /** Notes that the record at {@code offset} has reached the store. */
  public void record(String topic, int partition, long offset) {
    processed.merge(new TopicPartition(topic, partition), offset, Math::max);
  }

  /** Whether every offset the bound names has reached the store. */
  public boolean reached(Position bound) {
    for (String topic : bound.getTopics()) {
      for (Map.Entry<Integer, Long> entry : bound.getPartitionPositions(topic).entrySet()) {
        TopicPartition partition = new TopicPartition(topic, entry.getKey());
        Long seen = processed.get(partition);
        if ((seen == null || seen < entry.getValue())
            && !committedPast(partition, entry.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the group committed past {@code offset}; when it has not (as last looked up), asks for
   * a fresh lookup, so that a caller polling {@link #reached} sees its answer.
   */
  private boolean committedPast(TopicPartition partition, long offset) {
    if (committed == null) {
      return false;
    }
    if (committed.committed(partition) - 1 >= offset) {
      return true;
    }
    committed.refresh();
    return false;
  }

  /**
   * A terminal processor to attach downstream of the store's updates (caching off, so it runs right
   * after each write): it records the source offset of every update.
   */
  public <K, V> FixedKeyProcessorSupplier<K, V, Void> recorder() {
    return () ->
        new FixedKeyProcessor<K, V, Void>() {
          private FixedKeyProcessorContext<K, Void> context;

          @Override
          public void init(FixedKeyProcessorContext<K, Void> context) {
            this.context = context;
          }

          @Override
          public void process(FixedKeyRecord<K, V> record) {
            context
                .recordMetadata()
                .ifPresent(
                    meta ->
                        ProcessedOffsets.this.record(
                            meta.topic(), meta.partition(), meta.offset()));
          }
        };
  }
}
