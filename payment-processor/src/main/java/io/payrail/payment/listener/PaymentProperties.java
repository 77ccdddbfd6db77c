package io.payrail.payment.listener;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.payment.*}; defaults in application.yml.
 *
 * @param batchRetry back-off between attempts at a batch that failed and was rolled back
 */
@ConfigurationProperties("payrail.payment")
public record PaymentProperties(BatchRetry batchRetry) {

  /** Exponential back-off without an end: a failed batch is retried until it succeeds. */
  public record BatchRetry(Duration initialInterval, double multiplier, Duration maxInterval) {}
}
