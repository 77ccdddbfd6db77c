package io.payrail.ingest.status;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalRead;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's part of the status view, with read-your-writes: before answering "no such
 * order", the view first catches up with every record written to the key's partition of the orders
 * topic up to now (the partition's end offset, as a position bound on the store). An order whose
 * 202 was sent is therefore always found, by the next request, on any instance. Concurrent misses
 * share their end-offset lookups ({@link EndOffsets}).
 *
 * <p>Every lookup is by {@link OrderKey}, the caller's merchant and the orderId: the store is keyed
 * by it, so another merchant's order with the same orderId is another row, and is not found.
 */
public final class OrderStatusView {

  /** What a long-poll ended with. */
  public record Waited(OrderStatus status, boolean reached) {}

  /**
   * One instance's part of a merchant's open reviews, oldest first.
   *
   * @param more whether this instance holds more after the last one
   */
  public record LocalReviews(List<OpenReview> reviews, boolean more) {}

  private static final long CATCH_UP_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final KeyRouter<String> router;
  private final LocalStoreReader<String, OrderStatus> reader;
  private final StatusWaiters waiters;
  private final EndOffsets endOffsets;
  private final StatusViewProperties properties;
  private final Supplier<KafkaStreams> streams;
  private final ProcessedOffsets progress;

  OrderStatusView(
      KeyRouter<String> router,
      LocalStoreReader<String, OrderStatus> reader,
      StatusWaiters waiters,
      Admin admin,
      StatusViewProperties properties,
      Supplier<KafkaStreams> streams,
      ProcessedOffsets progress) {
    this.router = router;
    this.reader = reader;
    this.waiters = waiters;
    this.endOffsets = new EndOffsets(admin);
    this.properties = properties;
    this.streams = streams;
    this.progress = progress;
  }

  public KeyOwner ownerOf(OrderKey order) {
    return router.ownerOf(order.encoded());
  }

  /**
   * The order's status from the local partition, up to date with the orders topic, and, for an
   * order held for review, with the review-decisions topic: a decision acknowledged before this
   * call shows (the price, one shared end-offset lookup, is paid only for open reviews).
   */
  public Optional<OrderStatus> readLocal(OrderKey order, int partition) {
    LocalRead<OrderStatus> read = reader.read(order.encoded(), partition);
    if (read instanceof LocalRead.Value<OrderStatus> value && found(order, value.value())) {
      if (value.value().get().reviewOpen()) {
        return withDecisionsSoFar(order, partition, value.value());
      }
      return value.value();
    }
    // Not there (yet?): catch up with what was written before this request, then decide.
    read =
        reader.read(
            order.encoded(),
            partition,
            endOffsets.writtenSoFar(
                Topics.ORDERS.name(), partition, properties.readYourWritesWait()),
            properties.readYourWritesWait());
    if (read instanceof LocalRead.Value<OrderStatus> value) {
      return value.value().filter(status -> exists(order, status));
    }
    throw ProblemException.unavailable("The status view is catching up");
  }

  /**
   * The order's status from the local partition as the store has it now, without catching up with
   * the orders topic: may miss an order acknowledged moments ago. For the POST idempotency check,
   * where waiting for the view would cost every new order an admin round trip plus the view's lag.
   */
  public Optional<OrderStatus> readCurrent(OrderKey order, int partition) {
    if (reader.read(order.encoded(), partition) instanceof LocalRead.Value<OrderStatus> value) {
      return value.value().filter(status -> exists(order, status));
    }
    throw ProblemException.unavailable("The order's partition is not queryable here yet");
  }

  /**
   * Completes with the order once it reached {@code state}, or with its current status after {@code
   * timeout}. The caller already knows the order exists.
   */
  public CompletableFuture<Waited> awaitLocal(
      OrderKey order, int partition, OrderState state, Duration timeout) {
    CompletableFuture<OrderStatus> reached =
        waiters.await(order, status -> exists(order, status) && status.reached(state));
    // Registered before reading, so an update between the read and the wait is not missed.
    readLocal(order, partition)
        .filter(status -> status.reached(state))
        .ifPresent(reached::complete);
    return reached
        .thenApply(status -> new Waited(status, true))
        .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(
            waited -> {
              if (waited != null) {
                return waited;
              }
              reached.cancel(false);
              return new Waited(readLocal(order, partition).orElseThrow(), false);
            });
  }

  /**
   * Waits (bounded by {@code read-your-writes-wait}) until the view processed every decision
   * written to the partition so far, then reads the order again. Best effort past the wait: the row
   * as it is, not a 503, since the decision partition's end may be a transaction marker the view
   * never reports (an expiry published in a transaction), and an open review is a correct answer
   * for a decision not yet acknowledged.
   */
  private Optional<OrderStatus> withDecisionsSoFar(
      OrderKey order, int partition, Optional<OrderStatus> current) {
    Position bound =
        endOffsets.writtenSoFar(
            Topics.REVIEW_DECISIONS.name(), partition, properties.readYourWritesWait());
    if (!catchUp(bound)) {
      return current;
    }
    if (reader.read(order.encoded(), partition) instanceof LocalRead.Value<OrderStatus> value) {
      return value.value().filter(status -> exists(order, status));
    }
    return current;
  }

  /** Whether the view reached {@code bound} within {@code read-your-writes-wait}. */
  private boolean catchUp(Position bound) {
    long deadline = System.nanoTime() + properties.readYourWritesWait().toNanos();
    while (!progress.reached(bound)) {
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(CATCH_UP_PAUSE_NANOS);
    }
    return true;
  }

  /**
   * The merchant's open reviews held on this instance's active partitions, oldest first, after the
   * one held at {@code afterHeldAt} with {@code afterOrderId} (null: from the start), at most
   * {@code limit}. First catches up with every decision written to those partitions so far (best
   * effort, as {@link #withDecisionsSoFar}), so a review decided before this call is not listed.
   * Each partition's index is scanned on its own, since a store over several partitions iterates
   * them one after the other, not in key order.
   */
  public LocalReviews openReviewsLocal(
      String merchantId, Instant afterHeldAt, String afterOrderId, int limit) {
    String from =
        afterHeldAt == null
            ? OpenReviewIndex.first(merchantId)
            : OpenReviewIndex.key(merchantId, afterHeldAt, afterOrderId);
    KafkaStreams running = streams.get();
    if (running == null || running.state() != KafkaStreams.State.RUNNING) {
      throw ProblemException.unavailable("The status view is not running here");
    }
    Set<Integer> partitions = activePartitions(running);
    catchUp(
        endOffsets.writtenSoFar(
            Topics.REVIEW_DECISIONS.name(), partitions, properties.readYourWritesWait()));
    String to = OpenReviewIndex.last(merchantId);
    List<KeyValue<String, OpenReview>> found = new ArrayList<>();
    for (int partition : partitions) {
      ReadOnlyKeyValueStore<String, OpenReview> index;
      try {
        index =
            running.store(
                StoreQueryParameters.fromNameAndType(
                        OpenReviewIndex.STORE,
                        QueryableStoreTypes.<String, OpenReview>keyValueStore())
                    .withPartition(partition));
      } catch (StreamsException | IllegalStateException e) {
        throw ProblemException.unavailable("The open reviews are not queryable here yet");
      }
      try (KeyValueIterator<String, OpenReview> range = index.range(from, to)) {
        int taken = 0;
        while (range.hasNext() && taken <= limit) {
          KeyValue<String, OpenReview> entry = range.next();
          if (!entry.key.equals(from)) {
            found.add(entry);
            taken++;
          }
        }
      } catch (StreamsException | IllegalStateException e) {
        throw ProblemException.unavailable("The open reviews are not queryable here yet");
      }
    }
    found.sort(Comparator.comparing(entry -> entry.key));
    List<OpenReview> page = found.stream().limit(limit).map(entry -> entry.value).toList();
    return new LocalReviews(page, found.size() > limit);
  }

  /** The partitions of the status view active on this instance. */
  private static Set<Integer> activePartitions(KafkaStreams running) {
    Set<Integer> partitions = new TreeSet<>();
    for (ThreadMetadata thread : running.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        for (TopicPartition source : task.topicPartitions()) {
          if (source.topic().equals(Topics.REVIEW_DECISIONS.name())) {
            partitions.add(source.partition());
          }
        }
      }
    }
    return partitions;
  }

  public Duration maxWait() {
    return properties.maxWait();
  }

  public Duration forwardTimeout() {
    return properties.forwardTimeout();
  }

  private static boolean found(OrderKey order, Optional<OrderStatus> status) {
    return status.filter(row -> exists(order, row)).isPresent();
  }

  /**
   * Whether the row is the order asked for. A row with no state holds only events of an order the
   * view never saw placed. The row's own merchantId and orderId (from the events) must be the
   * key's: the topology stores nothing else under a key, and this keeps every answer to the
   * caller's own merchant whatever a store holds.
   */
  private static boolean exists(OrderKey order, OrderStatus status) {
    return status.status() != null
        && order.merchantId().equals(status.merchantId())
        && order.orderId().equals(status.orderId());
  }
}
