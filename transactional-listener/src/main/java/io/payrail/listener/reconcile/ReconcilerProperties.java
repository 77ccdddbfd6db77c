package io.payrail.listener.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payrail.reconciler.*}; defaults in each processor's application.yml.
 *
 * @param interval pause between two rounds of the reconciler
 * @param unknownAfter how long a row stays UNKNOWN before the acquirer is asked what it did (time
 *     for a late answer to arrive at the acquirer's side)
 * @param pendingAfter how long a row may stay PENDING before the reconciler takes it over: far
 *     longer than any batch (its record was dead-lettered, or never comes back)
 * @param batchSize rows looked up per round
 * @param topic the processor's internal topic of resolutions (created at start-up, keyed by the
 *     row's id), through which a resolution is recorded and published exactly once
 * @param topicPartitions partitions of that topic
 */
@ConfigurationProperties("payrail.reconciler")
public record ReconcilerProperties(
    Duration interval,
    Duration unknownAfter,
    Duration pendingAfter,
    int batchSize,
    String topic,
    int topicPartitions) {}
