package io.payrail.ingest.status;

import io.payrail.ingest.problem.ProblemException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.query.Position;

/**
 * End offsets of partitions, shared between concurrent requests: at most one {@code listOffsets} is
 * in flight, and every request that arrives meanwhile joins the next one, which asks for all of
 * their partitions at once. A request is only ever answered by a lookup that started after it
 * arrived, so read-your-writes holds exactly as with a lookup of its own; but a flood of reads of
 * unknown orderIds costs Kafka one lookup per round trip, not one per request.
 */
public final class EndOffsets {

  private final Admin admin;
  private final AtomicLong lookups = new AtomicLong();
  private boolean inFlight;
  private Map<TopicPartition, CompletableFuture<Long>> next = new HashMap<>();

  public EndOffsets(Admin admin) {
    this.admin = admin;
  }

  /** The partition's end offset, as of a moment after this call. */
  public CompletableFuture<Long> endOffset(TopicPartition partition) {
    CompletableFuture<Long> answer;
    synchronized (this) {
      answer = next.computeIfAbsent(partition, p -> new CompletableFuture<>());
      if (inFlight) {
        return answer;
      }
      inFlight = true;
    }
    lookUpNext();
    return answer;
  }

  /**
   * A query position at the partition's end offset now: a read of the store at it sees every record
   * written to the partition before this call (read-your-writes).
   *
   * @throws ProblemException 503 when Kafka does not tell the end offset within {@code wait}
   */
  public Position writtenSoFar(String topic, int partition, Duration wait) {
    long end;
    try {
      end =
          endOffset(new TopicPartition(topic, partition))
              .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw ProblemException.unavailable("Kafka did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted");
    }
    return end <= 0
        ? Position.emptyPosition()
        : Position.emptyPosition().withComponent(topic, partition, end - 1);
  }

  /**
   * A query position at the end offsets of several partitions of one topic now, looked up together
   * (one round trip): a store at it has seen every record written to them before this call.
   *
   * @throws ProblemException 503 when Kafka does not tell the end offsets within {@code wait}
   */
  public Position writtenSoFar(String topic, Collection<Integer> partitions, Duration wait) {
    Map<Integer, CompletableFuture<Long>> ends = new HashMap<>();
    partitions.forEach(p -> ends.put(p, endOffset(new TopicPartition(topic, p))));
    long deadline = System.nanoTime() + wait.toNanos();
    Position position = Position.emptyPosition();
    for (Map.Entry<Integer, CompletableFuture<Long>> end : ends.entrySet()) {
      long offset;
      try {
        offset =
            end.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw ProblemException.unavailable("Kafka did not answer in time");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ProblemException.unavailable("Interrupted");
      }
      if (offset > 0) {
        position = position.withComponent(topic, end.getKey(), offset - 1);
      }
    }
    return position;
  }

  /** How many lookups were made, for tests and metrics. */
  long lookups() {
    return lookups.get();
  }

  private void lookUpNext() {
    Map<TopicPartition, CompletableFuture<Long>> batch;
    synchronized (this) {
      if (next.isEmpty()) {
        inFlight = false;
        return;
      }
      batch = next;
      next = new HashMap<>();
    }
    lookups.incrementAndGet();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    batch.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Set<TopicPartition> pending = new HashSet<>(batch.keySet());
    ListOffsetsResult result;
    try {
      result = admin.listOffsets(latest);
    } catch (RuntimeException e) {
      batch.values().forEach(future -> future.completeExceptionally(e));
      lookUpNext();
      return;
    }
    result
        .all()
        .whenComplete(
            (offsets, failure) -> {
              for (TopicPartition partition : pending) {
                if (failure != null) {
                  batch.get(partition).completeExceptionally(failure);
                } else {
                  batch.get(partition).complete(offsets.get(partition).offset());
                }
              }
              lookUpNext();
            });
  }
}
