package io.payrail.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Calls the acquirer for a chunk's requests at once, at most {@code concurrency} in flight, so that
 * a chunk takes about one answer (or one client timeout), not one per request: a chunk must end
 * well inside its Kafka transaction's timeout, or the broker aborts the transaction and fences the
 * producer. An exception from one call (the acquirer could not be asked) fails the whole chunk,
 * which is then retried with the same idempotency keys.
 */
public final class GatewayCalls implements AutoCloseable {

  private final ExecutorService workers;

  public GatewayCalls(String name, int concurrency) {
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Every request's answer, by its key, in the requests' order, once all are settled. */
  public <K, Q, A> Map<K, A> callAll(Map<K, Q> requests, Function<Q, A> call) {
    Map<K, CompletableFuture<A>> pending = new LinkedHashMap<>();
    requests.forEach(
        (key, request) ->
            pending.put(key, CompletableFuture.supplyAsync(() -> call.apply(request), workers)));
    Map<K, A> answers = new LinkedHashMap<>();
    try {
      pending.forEach((key, future) -> answers.put(key, future.join()));
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    return answers;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
