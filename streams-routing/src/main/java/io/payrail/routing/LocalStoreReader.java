package io.payrail.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * Reads one key from this instance's partition of a key-value store with interactive queries v2,
 * optionally only once the store has processed a given source offset. That position bound is how a
 * caller gets read-your-writes: "not before the store has seen offset N of topic T".
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class LocalStoreReader<K, V> {

  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final KafkaStreams streams;
  private final String storeName;

  public LocalStoreReader(KafkaStreams streams, String storeName) {
    this.streams = streams;
    this.storeName = storeName;
  }

  /** The key's value once the store is at or past {@code bound}, waiting at most {@code wait}. */
  public LocalRead<V> read(K key, int partition, Position bound, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      LocalRead<V> read = readOnce(key, partition, bound);
      if (read instanceof LocalRead.Value<V> || System.nanoTime() >= deadline) {
        return read;
      }
      // Catching up takes a poll cycle or two; a short pause keeps this off the CPU meanwhile.
      LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        return new LocalRead.NotReady<>("interrupted");
      }
    }
  }

  /** The key's value as the store has it now. */
  public LocalRead<V> read(K key, int partition) {
    return readOnce(key, partition, Position.emptyPosition());
  }

  private LocalRead<V> readOnce(K key, int partition, Position bound) {
    StateQueryRequest<V> request =
        StateQueryRequest.inStore(storeName)
            .withQuery(KeyQuery.<K, V>withKey(key))
            .withPartitions(Set.of(partition))
            .withPositionBound(PositionBound.at(bound));
    StateQueryResult<V> result;
    try {
      result = streams.query(request);
    } catch (StreamsException | IllegalStateException e) {
      return new LocalRead.NotReady<>("store not queryable: " + e.getClass().getSimpleName());
    }
    QueryResult<V> partitionResult = result.getPartitionResults().get(partition);
    if (partitionResult == null) {
      return new LocalRead.NotReady<>("partition " + partition + " not here");
    }
    if (partitionResult.isFailure()) {
      FailureReason reason = partitionResult.getFailureReason();
      return new LocalRead.NotReady<>("partition " + partition + ": " + reason);
    }
    return new LocalRead.Value<>(Optional.ofNullable(partitionResult.getResult()));
  }
}
