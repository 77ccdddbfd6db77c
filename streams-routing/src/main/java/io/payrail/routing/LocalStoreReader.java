package io.payrail.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one key from this instance's active partition of a key-value store, optionally only once
 * the store has processed given source offsets. That bound is how a caller gets read-your-writes:
 * "not before the store has seen offset N of topic T".
 *
 * <p>Reads use interactive queries v1 (store lock only); see {@link ProcessedOffsets} for why not
 * v2 on Kafka Streams 4.1.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class LocalStoreReader<K, V> {

  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Supplier<KafkaStreams> streams;
  private final String storeName;
  private final ProcessedOffsets progress;

  /**
   * @param streams the application that materializes the store; null until it has started
   * @param progress what the store has processed, recorded by the topology; needed only for {@link
   *     #read(Object, int, Position, Duration)}
   */
  public LocalStoreReader(
      Supplier<KafkaStreams> streams, String storeName, ProcessedOffsets progress) {
    this.streams = streams;
    this.storeName = storeName;
    this.progress = progress;
  }

  /** A reader for current values only, without read-your-writes bounds. */
  public LocalStoreReader(Supplier<KafkaStreams> streams, String storeName) {
    this(streams, storeName, null);
  }

  /** The key's value once the store is at or past {@code bound}, waiting at most {@code wait}. */
  public LocalRead<V> read(K key, int partition, Position bound, Duration wait) {
    if (progress == null) {
      throw new IllegalStateException("this reader has no processed offsets to bound reads with");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      boolean caughtUp = progress.reached(bound);
      LocalRead<V> read = read(key, partition);
      if (caughtUp || (read instanceof LocalRead.Value<V> value && value.value().isPresent())) {
        return read;
      }
      if (System.nanoTime() >= deadline) {
        return new LocalRead.NotReady<>("partition " + partition + " has not caught up yet");
      }
      // Catching up takes a poll cycle or two; a short pause keeps this off the CPU meanwhile.
      LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        return new LocalRead.NotReady<>("interrupted");
      }
    }
  }

  /** The key's value as the store's active copy has it now. */
  public LocalRead<V> read(K key, int partition) {
    KafkaStreams running = streams.get();
    if (running == null) {
      return new LocalRead.NotReady<>("streams have not started");
    }
    try {
      ReadOnlyKeyValueStore<K, V> store =
          running.store(
              StoreQueryParameters.fromNameAndType(
                      storeName, QueryableStoreTypes.<K, V>keyValueStore())
                  .withPartition(partition));
      return new LocalRead.Value<>(Optional.ofNullable(store.get(key)));
    } catch (StreamsException | IllegalStateException e) {
      return new LocalRead.NotReady<>(
          "partition " + partition + " not queryable here: " + e.getClass().getSimpleName());
    }
  }
}
