package io.payrail.payment.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.gateway.*}; defaults in application.yml.
 *
 * @param concurrency charges in flight at once
 * @param maxAttempts attempts per charge on retryable failures before it is FAILED
 * @param retryBackoff wait before the second attempt
 * @param retryBackoffMultiplier growth of the wait for each further attempt
 * @param timeout how long the client waits for an answer
 */
@ConfigurationProperties("payrail.gateway")
public record GatewayProperties(
    int concurrency,
    int maxAttempts,
    Duration retryBackoff,
    double retryBackoffMultiplier,
    Duration timeout) {}
