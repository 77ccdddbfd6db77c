package io.payrail.refund.listener;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.refund.*}; defaults in application.yml.
 *
 * @param batchRetry back-off between attempts at a batch that failed and was rolled back
 */
@ConfigurationProperties("payrail.refund")
public record RefundProperties(BatchRetry batchRetry) {

  /** Exponential back-off without an end: a failed batch is retried until it succeeds. */
  public record BatchRetry(Duration initialInterval, double multiplier, Duration maxInterval) {}
}
