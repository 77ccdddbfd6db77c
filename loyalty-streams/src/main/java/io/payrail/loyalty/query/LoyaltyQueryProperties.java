package io.payrail.loyalty.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Balance queries, bound from {@code payrail.loyalty.query.*}.
 *
 * @param connectTimeout how long to wait for a connection to the owning instance
 * @param forwardTimeout how long the owning instance may take to answer
 * @param retryAfter what a 503 tells the caller to wait (a rebalance is usually over by then)
 */
@ConfigurationProperties("payrail.loyalty.query")
public record LoyaltyQueryProperties(
    Duration connectTimeout, Duration forwardTimeout, Duration retryAfter) {}
