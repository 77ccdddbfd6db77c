package io.payrail.payment.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.review.*}; defaults in application.yml.
 *
 * @param holdExpiry how long an order may stay held for review; then the hold expiry publishes an
 *     EXPIRE decision for it (REJECTED_BY_REVIEW, {@code review_expired})
 * @param expiryScanInterval pause between two scans for expired holds
 * @param expiryBatch at most this many expiries published per scan
 */
@ConfigurationProperties("payrail.review")
public record ReviewProperties(Duration holdExpiry, Duration expiryScanInterval, int expiryBatch) {}
