package io.payrail.ingest.limit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each API key's budget on this instance: a token bucket for requests (so one merchant's burst or
 * retry storm cannot take the threads, the Kafka producer and the view from the others) and a count
 * of waiting long-polls. Keys are the configured ones only (requests are authenticated first), so
 * the maps stay as small as the key list.
 */
@Component
public final class KeyLimits {

  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private final LimitProperties properties;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> longPolls = new ConcurrentHashMap<>();

  @Autowired
  public KeyLimits(LimitProperties properties) {
    this(properties, System::nanoTime);
  }

  KeyLimits(LimitProperties properties, LongSupplier nanoTime) {
    this.properties = properties;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request from the key's budget.
   *
   * @return empty when the request may go on; otherwise how long until the key may ask again
   */
  public Optional<Duration> tryRequest(String keyId) {
    return buckets.computeIfAbsent(keyId, id -> new Bucket()).take();
  }

  /** Whether the key may start one more long-poll; if so, {@link #endLongPoll} must follow. */
  public boolean tryStartLongPoll(String keyId) {
    AtomicInteger waiting = longPolls.computeIfAbsent(keyId, id -> new AtomicInteger());
    if (waiting.incrementAndGet() > properties.longPollsPerKey()) {
      waiting.decrementAndGet();
      return false;
    }
    return true;
  }

  public void endLongPoll(String keyId) {
    longPolls.get(keyId).decrementAndGet();
  }

  /** Tokens refill continuously at the configured rate, up to the burst size. */
  private final class Bucket {
    private double tokens = properties.burst();
    private long refilledAt = nanoTime.getAsLong();

    synchronized Optional<Duration> take() {
      long now = nanoTime.getAsLong();
      double rate = properties.requestsPerSecond();
      tokens =
          Math.min(
              properties.burst(), tokens + (now - refilledAt) * rate / (double) NANOS_PER_SECOND);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(
          Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND)));
    }
  }
}
