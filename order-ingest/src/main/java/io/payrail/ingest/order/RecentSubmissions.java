package io.payrail.ingest.order;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The orders this instance accepted lately, by merchant and orderId: the part of POST idempotency
 * that does not wait for the status view. An orderId is claimed before its event is published, so
 * of two concurrent submissions to this instance exactly one publishes and the other is answered
 * from the first one's outcome, and a replay that arrives before the view has caught up is still
 * recognised. Exact only per instance and within {@link IdempotencyProperties#window()} (and the
 * last {@link IdempotencyProperties#maxEntries()} orders): the view covers everything older, and
 * downstream deduplication what neither sees (see the README's idempotency section).
 *
 * <p>One lock around a LinkedHashMap (insertion order is age order, so expiry looks at the head
 * only): the critical section is a hash lookup, far cheaper than the Kafka send every accepted POST
 * makes anyway.
 */
@Component
final class RecentSubmissions {

  /** Per merchant, as the view: another merchant's orderId is not this merchant's business. */
  record Key(String merchantId, String orderId) {}

  private record Entry(long createdNanos, CompletableFuture<Submission> accepted) {}

  private final Map<Key, Entry> entries = new LinkedHashMap<>();
  private final IdempotencyProperties properties;
  private final LongSupplier nanoTime;

  @Autowired
  RecentSubmissions(IdempotencyProperties properties) {
    this(properties, System::nanoTime);
  }

  RecentSubmissions(IdempotencyProperties properties, LongSupplier nanoTime) {
    this.properties = properties;
    this.nanoTime = nanoTime;
  }

  /**
   * Runs {@code publish} unless this instance accepted {@code key} lately or is publishing it right
   * now. If {@code publish} fails, the key is forgotten at once, so the client's retry publishes.
   *
   * @return empty when this call published; otherwise what was accepted for the key first (once its
   *     publish was acknowledged), for the caller to answer a replay or a conflict
   * @throws ProblemException 503 when the concurrent first submission failed or did not finish in
   *     time (the client retries)
   */
  Optional<Submission> publishOnce(Key key, Submission submission, Runnable publish) {
    return publishOnce(
        key,
        () -> {
          publish.run();
          return submission;
        });
  }

  /**
   * As {@link #publishOnce(Key, Submission, Runnable)}, for a submission known only once published
   * (an order's coupon is priced only when the order is new): {@code publish} answers what was
   * published, or throws (a 422 for a coupon that does not apply) and the key is forgotten.
   */
  Optional<Submission> publishOnce(Key key, Supplier<Submission> publish) {
    CompletableFuture<Submission> mine = new CompletableFuture<>();
    Entry earlier = claim(key, mine);
    if (earlier != null) {
      return Optional.of(await(earlier));
    }
    Submission published = null;
    try {
      published = publish.get();
    } finally {
      if (published != null) {
        mine.complete(published);
      } else {
        forget(key, mine);
        mine.completeExceptionally(new IllegalStateException("publish failed"));
      }
    }
    return Optional.empty();
  }

  synchronized int size() {
    return entries.size();
  }

  /** Null when {@code key} is now claimed by {@code mine}; the earlier claim otherwise. */
  private synchronized Entry claim(Key key, CompletableFuture<Submission> mine) {
    // The time is taken under the lock, so that insertion order stays age order.
    long now = nanoTime.getAsLong();
    expire(now);
    Entry earlier = entries.get(key);
    if (earlier == null) {
      entries.put(key, new Entry(now, mine));
    }
    return earlier;
  }

  private void expire(long now) {
    long window = properties.window().toNanos();
    Iterator<Entry> oldestFirst = entries.values().iterator();
    while (oldestFirst.hasNext()) {
      Entry oldest = oldestFirst.next();
      if (entries.size() < properties.maxEntries() && now - oldest.createdNanos() < window) {
        return;
      }
      oldestFirst.remove();
    }
  }

  private synchronized void forget(Key key, CompletableFuture<Submission> mine) {
    Entry current = entries.get(key);
    // Only this call's own claim: expiry may have made room for a newer one meanwhile.
    if (current != null && current.accepted() == mine) {
      entries.remove(key);
    }
  }

  private Submission await(Entry earlier) {
    try {
      return earlier.accepted().get(properties.inFlightWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw retryLater("A concurrent submission of this orderId failed; retry with the same body");
    } catch (TimeoutException e) {
      throw retryLater("A concurrent submission of this orderId is not acknowledged yet; retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryLater("Interrupted");
    }
  }

  private static ProblemException retryLater(String detail) {
    return new ProblemException(
        ProblemType.UNAVAILABLE, detail, List.of(), Map.of("Retry-After", "1"));
  }
}
