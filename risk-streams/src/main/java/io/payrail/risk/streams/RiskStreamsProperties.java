package io.payrail.risk.streams;

import io.payrail.risk.topology.RiskTopologySettings;
import io.payrail.streams.lifecycle.RetryBackoff;
import io.payrail.streams.lifecycle.StreamsLifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The settings of risk-streams that have units, bound from {@code payrail.risk.streams.*}; the
 * plain Kafka Streams ones (application id, state directory, threads, standbys, replication,
 * application.server) are Spring Boot's {@code spring.kafka.streams.*}. Defaults and environment
 * variables are in application.yml.
 *
 * @param commitInterval how often a transaction commits: each exactly-once hop adds about one
 *     interval of latency in front of the payment (README, Performance), hence a low default
 * @param sessionTimeout how long the group waits for a crashed instance before giving its
 *     partitions to another: this hop holds every payment
 * @param producerLinger producer batching; larger trades latency for throughput
 * @param producerBatchSize producer batch size
 * @param dedupRetention how long an order (merchantId/orderId) is remembered to drop repeats (event
 *     time)
 * @param lateOrderGrace how late an order may arrive and still enter the customer's windows
 * @param closeTimeout how long a clean shutdown may take
 * @param registryBackoff how long a stream thread that met an away schema registry waits before its
 *     replacement reads again
 */
@ConfigurationProperties("payrail.risk.streams")
public record RiskStreamsProperties(
    Duration commitInterval,
    Duration sessionTimeout,
    Duration producerLinger,
    DataSize producerBatchSize,
    Duration dedupRetention,
    Duration lateOrderGrace,
    Duration closeTimeout,
    RetryBackoff registryBackoff) {

  public RiskTopologySettings topologySettings() {
    return new RiskTopologySettings(dedupRetention, lateOrderGrace);
  }

  /** Kafka Streams configuration from these settings; exactly-once always. */
  public Map<String, Object> streamsSettings() {
    Map<String, Object> settings =
        new HashMap<>(StreamsLifecycle.exactlyOnce(commitInterval, sessionTimeout));
    settings.put(
        StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), producerLinger.toMillis());
    settings.put(
        StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
        Math.toIntExact(producerBatchSize.toBytes()));
    return settings;
  }
}
