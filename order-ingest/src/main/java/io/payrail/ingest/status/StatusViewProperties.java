package io.payrail.ingest.status;

import io.payrail.streams.lifecycle.RetryBackoff;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The status view's settings that have units, and its queries ({@code payrail.ingest.status}); the
 * plain Kafka Streams settings (application id, state directory, application.server, processing
 * guarantee, standbys) are Spring Boot's {@code spring.kafka.streams.*}.
 *
 * @param commitInterval how much a crash may replay
 * @param readYourWritesWait how long a read waits for the view to catch up with the orders topic
 * @param maxWait the longest long-poll a client may ask for
 * @param forwardTimeout added to a forwarded request's own wait before giving up on the owner
 * @param closeTimeout how long shutdown waits for the stream thread
 * @param registryBackoff how long a stream thread that met an away schema registry waits before its
 *     replacement reads again
 */
@ConfigurationProperties("payrail.ingest.status")
public record StatusViewProperties(
    Duration commitInterval,
    Duration readYourWritesWait,
    Duration maxWait,
    Duration forwardTimeout,
    Duration closeTimeout,
    RetryBackoff registryBackoff) {

  /** Kafka Streams configuration from these settings and what the view needs of every instance. */
  Map<String, Object> streamsSettings() {
    return Map.of(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        commitInterval.toMillis(),
        // One thread: the view's stores are read under HTTP load, more threads only contend.
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        1,
        StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
        Serdes.StringSerde.class,
        // The view shows what the pipeline decided: a record of an aborted transaction (a crashed
        // risk or payment transaction that will be replayed) must never show, so read committed
        // only; the default for an at-least-once application would read uncommitted.
        StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG),
        "read_committed",
        // A new view starts from the beginning of every topic: it must know all orders retained.
        StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG),
        "earliest");
  }
}
