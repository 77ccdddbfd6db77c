package io.payrail.ingest.status;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalRead;
import io.payrail.routing.LocalStoreReader;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Reads this instance's part of the status view, with read-your-writes: before answering "no such
 * order", the view first catches up with every record written to the key's partition of the orders
 * topic up to now (the partition's end offset, as a position bound on the store). An order whose
 * 202 was sent is therefore always found, by the next request, on any instance. Concurrent misses
 * share their end-offset lookups ({@link EndOffsets}).
 */
public final class OrderStatusView {

  /** What a long-poll ended with. */
  public record Waited(OrderStatus status, boolean reached) {}

  private final KeyRouter<String> router;
  private final LocalStoreReader<String, OrderStatus> reader;
  private final StatusWaiters waiters;
  private final EndOffsets endOffsets;
  private final StatusViewProperties properties;

  OrderStatusView(
      KeyRouter<String> router,
      LocalStoreReader<String, OrderStatus> reader,
      StatusWaiters waiters,
      Admin admin,
      StatusViewProperties properties) {
    this.router = router;
    this.reader = reader;
    this.waiters = waiters;
    this.endOffsets = new EndOffsets(admin);
    this.properties = properties;
  }

  public KeyOwner ownerOf(String orderId) {
    return router.ownerOf(orderId);
  }

  /** The order's status from the local partition, up to date with the orders topic. */
  public Optional<OrderStatus> readLocal(String orderId, int partition) {
    LocalRead<OrderStatus> read = reader.read(orderId, partition);
    if (read instanceof LocalRead.Value<OrderStatus> value && found(value.value())) {
      return value.value();
    }
    // Not there (yet?): catch up with what was written before this request, then decide.
    read =
        reader.read(
            orderId,
            partition,
            endOffsets.writtenSoFar(
                Topics.ORDERS.name(), partition, properties.readYourWritesWait()),
            properties.readYourWritesWait());
    if (read instanceof LocalRead.Value<OrderStatus> value) {
      return value.value().filter(OrderStatusView::exists);
    }
    throw ProblemException.unavailable("The status view is catching up");
  }

  /**
   * The order's status from the local partition as the store has it now, without catching up with
   * the orders topic: may miss an order acknowledged moments ago. For the POST idempotency check,
   * where waiting for the view would cost every new order an admin round trip plus the view's lag.
   */
  public Optional<OrderStatus> readCurrent(String orderId, int partition) {
    if (reader.read(orderId, partition) instanceof LocalRead.Value<OrderStatus> value) {
      return value.value().filter(OrderStatusView::exists);
    }
    throw ProblemException.unavailable("The order's partition is not queryable here yet");
  }

  /**
   * Completes with the order once it reached {@code state}, or with its current status after {@code
   * timeout}. The caller already knows the order exists.
   */
  public CompletableFuture<Waited> awaitLocal(
      String orderId, int partition, OrderState state, Duration timeout) {
    CompletableFuture<OrderStatus> reached =
        waiters.await(orderId, status -> status.reached(state));
    // Registered before reading, so an update between the read and the wait is not missed.
    readLocal(orderId, partition)
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
              return new Waited(readLocal(orderId, partition).orElseThrow(), false);
            });
  }

  public Duration maxWait() {
    return properties.maxWait();
  }

  public Duration forwardTimeout() {
    return properties.forwardTimeout();
  }

  private static boolean found(Optional<OrderStatus> status) {
    return status.filter(OrderStatusView::exists).isPresent();
  }

  /** A row with no state holds only events of an order the view never saw placed. */
  private static boolean exists(OrderStatus status) {
    return status.status() != null;
  }
}
