package io.payrail.ingest.status;

import io.payrail.schemas.keys.OrderKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Long-polls waiting for an order to reach a state, completed by the stream thread the moment the
 * view stores it. Waiting holds no request thread: the HTTP request is async. Waiters are kept by
 * the store's key ({@link OrderKey#encoded()}), so a wait for one merchant's order is never
 * completed by another merchant's order with the same orderId.
 */
final class StatusWaiters implements StatusListener {

  private record Waiter(Predicate<OrderStatus> condition, CompletableFuture<OrderStatus> done) {}

  private final Map<String, Set<Waiter>> byKey = new ConcurrentHashMap<>();

  /** A future completed with the first status of the order that satisfies the condition. */
  CompletableFuture<OrderStatus> await(OrderKey order, Predicate<OrderStatus> condition) {
    String key = order.encoded();
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
    waiter.done().whenComplete((status, failure) -> remove(key, waiter));
    return waiter.done();
  }

  @Override
  public void updated(String key, OrderStatus status) {
    Set<Waiter> waiters = byKey.get(key);
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
    return byKey.values().stream().mapToInt(Set::size).sum();
  }

  private void remove(String key, Waiter waiter) {
    byKey.computeIfPresent(
        key,
        (k, waiters) -> {
          waiters.remove(waiter);
          return waiters.isEmpty() ? null : waiters;
        });
  }
}
