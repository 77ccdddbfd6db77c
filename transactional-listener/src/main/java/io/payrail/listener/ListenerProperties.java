package io.payrail.listener;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.listener.*}: how a transactional batch listener bounds and retries its work;
 * defaults in each service's application.yml.
 *
 * @param batchRetry back-off of a whole batch rolled back because infrastructure was away (the
 *     database, the broker, the registry, the acquirer): retried without end, nothing skipped
 * @param recordRetry how often one record that fails on its own is tried before it is dead-lettered
 *     alone
 * @param chunkSize records handled together (one ledger transaction, one acquirer round trip)
 * @param timeBudget once a batch has run this long, the records not yet handled are handed back to
 *     the next poll, so that a batch never nears {@code max.poll.interval.ms} or the transaction
 *     timeout
 */
@ConfigurationProperties("payrail.listener")
public record ListenerProperties(
    BatchRetry batchRetry, RecordRetry recordRetry, int chunkSize, Duration timeBudget) {

  public ListenerProperties {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("payrail.listener.chunk-size must be positive");
    }
  }

  /** Exponential back-off without an end. */
  public record BatchRetry(Duration initialInterval, double multiplier, Duration maxInterval) {}

  /**
   * @param maxAttempts deliveries of a failing record before it goes to the dead-letter topic
   * @param backoff pause before each further delivery
   */
  public record RecordRetry(int maxAttempts, Duration backoff) {}
}
