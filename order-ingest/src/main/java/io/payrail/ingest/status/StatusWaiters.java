package io.payrail.ingest.status;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Long-polls waiting for an order to reach a state, completed by the stream thread the moment the
 * view stores it. Waiting holds no request thread: the HTTP request is async.
 */
final class StatusWaiters implements StatusListener {

  private record Waiter(Predicate<OrderStatus> condition, CompletableFuture<OrderStatus> done) {}

  private final Map<String, Set<Waiter>> byOrderId = new ConcurrentHashMap<>();

  /** A future completed with the first status of {@code orderId} that satisfies the condition. */
  CompletableFuture<OrderStatus> await(String orderId, Predicate<OrderStatus> condition) {
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    byOrderId.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
    waiter.done().whenComplete((status, failure) -> remove(orderId, waiter));
    return waiter.done();
  }

  @Override
  public void updated(String orderId, OrderStatus status) {
    Set<Waiter> waiters = byOrderId.get(orderId);
    if (waiters == null || status == null) {
      return;
    }
    for (Waiter waiter : waiters) {
      if (waiter.condition().test(status)) {
        waiter.done().complete(status);
      }
    }
  }

  int waiting() {
    return byOrderId.values().stream().mapToInt(Set::size).sum();
  }

  private void remove(String orderId, Waiter waiter) {
    byOrderId.computeIfPresent(
        orderId,
        (id, waiters) -> {
          waiters.remove(waiter);
          return waiters.isEmpty() ? null : waiters;
        });
  }
}
