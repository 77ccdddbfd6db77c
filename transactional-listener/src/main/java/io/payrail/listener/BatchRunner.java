package io.payrail.listener;

import io.payrail.listener.FailureClassifier.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Runs a transactional batch listener's work over a polled batch, in chunks, inside the container's
 * Kafka transaction, with Spring Kafka's partial batch acknowledgement ({@link
 * Acknowledgment#nack(int, Duration)}: the offsets before the index commit with the transaction,
 * the records from the index on are fetched again) for the two things the container cannot do for a
 * transactional batch listener:
 *
 * <ul>
 *   <li><b>A batch bounded by time.</b> Once {@code payrail.listener.time-budget} has passed, the
 *       records not yet handled go back to the next poll: nothing is skipped or reordered, and a
 *       batch stays far from {@code max.poll.interval.ms} and the transaction timeout.
 *   <li><b>One failing record never blocks its batch.</b> A chunk that fails for a reason of its
 *       own is handled again record by record; the record that fails alone is dead-lettered at once
 *       when its failure is permanent, otherwise redelivered after a back-off and dead-lettered
 *       alone after {@code payrail.listener.record-retry.max-attempts}. The records around it are
 *       processed.
 * </ul>
 *
 * Infrastructure being away is thrown, so the whole transaction rolls back and the container's
 * after-rollback processor retries the batch with back-off until it goes through (never a dead
 * letter). Every handler must be idempotent (ledger rows unique per record's business key, acquirer
 * calls with idempotency keys): a chunk handled again after a failure finds what it did.
 */
public final class BatchRunner {

  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  /** Handles one chunk and returns what it publishes, sent only once the chunk succeeded. */
  @FunctionalInterface
  public interface ChunkHandler<V> {
    Runnable handle(List<ConsumerRecord<String, V>> chunk);
  }

  private record Position(TopicPartition partition, long offset) {
    static Position of(ConsumerRecord<?, ?> record) {
      return new Position(new TopicPartition(record.topic(), record.partition()), record.offset());
    }
  }

  private final DeadLetters deadLetters;
  private final FailureClassifier classifier;
  private final ListenerProperties properties;
  private final Clock clock;
  private final Map<Position, Integer> failedAttempts = new ConcurrentHashMap<>();

  public BatchRunner(
      DeadLetters deadLetters,
      FailureClassifier classifier,
      ListenerProperties properties,
      Clock clock) {
    this.deadLetters = deadLetters;
    this.classifier = classifier;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Handles the batch chunk by chunk until it is done, its time budget is spent (the rest is handed
   * back) or a record needs another delivery after a back-off (it and the rest are handed back).
   */
  public <V> void run(
      List<ConsumerRecord<String, V>> records,
      Consumer<?, ?> consumer,
      Acknowledgment acknowledgment,
      ChunkHandler<V> handler) {
    Instant deadline = clock.instant().plus(properties.timeBudget());
    int done = 0;
    while (done < records.size()) {
      if (done > 0 && clock.instant().isAfter(deadline)) {
        log.debug("time budget spent after {} of {} records", done, records.size());
        acknowledgment.nack(done, Duration.ZERO);
        return;
      }
      List<ConsumerRecord<String, V>> chunk =
          records.subList(done, Math.min(records.size(), done + properties.chunkSize()));
      Integer retryFrom = runChunk(chunk, consumer, handler);
      if (retryFrom != null) {
        acknowledgment.nack(done + retryFrom, properties.recordRetry().backoff());
        return;
      }
      done += chunk.size();
    }
  }

  /** Null when the chunk is done, else the index (in the chunk) to deliver again. */
  private <V> Integer runChunk(
      List<ConsumerRecord<String, V>> chunk, Consumer<?, ?> consumer, ChunkHandler<V> handler) {
    Runnable publication;
    try {
      publication = handler.handle(chunk);
    } catch (RuntimeException failure) {
      if (chunk.size() == 1 || classifier.classify(failure) == Failure.INFRASTRUCTURE) {
        return failedAlone(chunk, 0, failure, consumer);
      }
      log.warn("chunk of {} records failed, handling them one by one: {}", chunk.size(), failure);
      for (int i = 0; i < chunk.size(); i++) {
        try {
          handler.handle(chunk.subList(i, i + 1)).run();
          failedAttempts.remove(Position.of(chunk.get(i)));
        } catch (RuntimeException alone) {
          Integer retryFrom = failedAlone(chunk, i, alone, consumer);
          if (retryFrom != null) {
            return retryFrom;
          }
        }
      }
      return null;
    }
    publication.run();
    chunk.forEach(record -> failedAttempts.remove(Position.of(record)));
    return null;
  }

  /** What to do with the record at {@code index} that failed on its own. */
  private <V> Integer failedAlone(
      List<ConsumerRecord<String, V>> chunk,
      int index,
      RuntimeException failure,
      Consumer<?, ?> consumer) {
    ConsumerRecord<String, V> record = chunk.get(index);
    Failure kind = classifier.classify(failure);
    if (kind == Failure.INFRASTRUCTURE) {
      throw failure;
    }
    Position position = Position.of(record);
    int attempts = failedAttempts.merge(position, 1, Integer::sum);
    if (kind == Failure.UNKNOWN && attempts < properties.recordRetry().maxAttempts()) {
      log.warn(
          "{}-{}@{} failed (attempt {} of {}), delivering it again: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          attempts,
          properties.recordRetry().maxAttempts(),
          failure.toString());
      return index;
    }
    failedAttempts.remove(position);
    deadLetters.publish(new Rejected(record, failure), consumer);
    return null;
  }
}
