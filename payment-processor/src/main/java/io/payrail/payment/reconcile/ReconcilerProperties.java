package io.payrail.payment.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.payment.reconciler.*}; defaults in application.yml.
 *
 * @param interval pause between two rounds of the reconciler
 * @param unknownAfter how long a payment stays UNKNOWN before the acquirer is asked what it did
 *     (time for a late answer to arrive at the acquirer's side)
 * @param pendingAfter how long a payment may stay PENDING before the reconciler takes it over: far
 *     longer than any batch (its chunk was dead-lettered, or never comes back)
 * @param batchSize payments looked up per round
 * @param topic the processor's internal topic of resolutions (created at start-up, keyed by
 *     orderId), through which a resolution is recorded and published exactly once
 * @param topicPartitions partitions of that topic
 */
@ConfigurationProperties("payrail.payment.reconciler")
public record ReconcilerProperties(
    Duration interval,
    Duration unknownAfter,
    Duration pendingAfter,
    int batchSize,
    String topic,
    int topicPartitions) {}
