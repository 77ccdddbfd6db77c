package io.payrail.ingest.status;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The status view's Kafka Streams application and its queries ({@code payrail.ingest.status}).
 *
 * @param applicationId the Streams application.id; all facade instances share it
 * @param stateDir where RocksDB keeps the view
 * @param applicationServer host:port other instances reach this one at (Streams' {@code
 *     application.server}); must be unique per instance
 * @param processingGuarantee at_least_once: the aggregation is idempotent, so a replay after a
 *     crash rebuilds the same rows and exactly-once would only add commit latency
 * @param commitInterval how much a crash may replay
 * @param readYourWritesWait how long a read waits for the view to catch up with the orders topic
 * @param maxWait the longest long-poll a client may ask for
 * @param forwardTimeout added to a forwarded request's own wait before giving up on the owner
 * @param closeTimeout how long shutdown waits for the stream thread
 */
@ConfigurationProperties("payrail.ingest.status")
public record StatusViewProperties(
    String applicationId,
    Path stateDir,
    String applicationServer,
    String processingGuarantee,
    Duration commitInterval,
    Duration readYourWritesWait,
    Duration maxWait,
    Duration forwardTimeout,
    Duration closeTimeout) {}
