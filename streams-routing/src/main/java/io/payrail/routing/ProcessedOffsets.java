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
 */
public final class ProcessedOffsets {

  private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();

  /** Notes that the record at {@code offset} has reached the store. */
  public void record(String topic, int partition, long offset) {
    processed.merge(new TopicPartition(topic, partition), offset, Math::max);
  }

  /** Whether every offset the bound names has reached the store. */
  public boolean reached(Position bound) {
    for (String topic : bound.getTopics()) {
      for (Map.Entry<Integer, Long> entry : bound.getPartitionPositions(topic).entrySet()) {
        Long seen = processed.get(new TopicPartition(topic, entry.getKey()));
        if (seen == null || seen < entry.getValue()) {
          return false;
        }
      }
    }
    return true;
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
