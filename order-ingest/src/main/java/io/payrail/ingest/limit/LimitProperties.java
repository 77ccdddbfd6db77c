package io.payrail.ingest.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one API key may use of one facade instance ({@code payrail.ingest.limits}). Limits are per
 * instance: N instances behind a load balancer allow a key N times as much.
 *
 * @param requestsPerSecond the sustained rate of {@code /v1} requests a key may make
 * @param burst how many requests a key may make at once on top of an idle period (the size of its
 *     token bucket)
 * @param longPollsPerKey how many {@code GET ?waitFor=} a key may have waiting at once
 */
@ConfigurationProperties("payrail.ingest.limits")
public record LimitProperties(double requestsPerSecond, int burst, int longPollsPerKey) {

  public LimitProperties {
    if (requestsPerSecond <= 0 || burst < 1 || longPollsPerKey < 0) {
      throw new IllegalArgumentException(
          "payrail.ingest.limits: requests-per-second must be positive, burst at least 1,"
              + " long-polls-per-key not negative");
    }
  }
}
