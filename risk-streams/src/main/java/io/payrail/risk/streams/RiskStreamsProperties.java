package io.payrail.risk.streams;

import io.payrail.risk.topology.RiskTopologySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How risk-streams runs on Kafka Streams, bound from {@code payrail.risk.streams.*}; defaults and
 * environment variables in application.yml.
 *
 * @param applicationId consumer group, transactional-id prefix and internal-topic prefix
 * @param stateDir where RocksDB state lives; lose it and the state is restored from changelogs
 * @param commitInterval how often a transaction commits: each exactly-once hop adds about one
 *     interval of latency in front of the payment (PERFORMANCE.md), hence a low default
 * @param numStreamThreads one per JVM on two cores; more threads cost more than they give
 * @param numStandbyReplicas warm copies of the state on other instances, for fast fail-over
 * @param replicationFactor of internal topics; -1 takes the broker's default
 * @param applicationServer host:port advertised for interactive queries; blank for none
 * @param sessionTimeout how long the group waits for a crashed instance before giving its
 *     partitions to another: Streams does not leave the group on close, so this is the outage of a
 *     crash or an abrupt stop, and this hop holds every payment
 * @param producerLinger producer batching; larger trades latency for throughput
 * @param producerBatchSize producer batch size
 * @param dedupRetention how long an orderId is remembered to drop repeats (event time)
 * @param lateOrderGrace how late an order may arrive and still enter the customer's windows
 * @param closeTimeout how long a clean shutdown may take
 */
@ConfigurationProperties("payrail.risk.streams")
public record RiskStreamsProperties(
    String applicationId,
    String stateDir,
    Duration commitInterval,
    int numStreamThreads,
    int numStandbyReplicas,
    int replicationFactor,
    String applicationServer,
    Duration sessionTimeout,
    Duration producerLinger,
    DataSize producerBatchSize,
    Duration dedupRetention,
    Duration lateOrderGrace,
    Duration closeTimeout) {

  public RiskTopologySettings topologySettings() {
    return new RiskTopologySettings(dedupRetention, lateOrderGrace);
  }

  /**
   * The Kafka Streams configuration.
   *
   * @param bootstrapServers the brokers
   * @param clientProperties {@code spring.kafka.properties.*}: security settings and the schema
   *     registry URL, given to every client as Spring Kafka does
   */
  public Properties streamsConfig(
      List<String> bootstrapServers, Map<String, String> clientProperties) {
    Properties config = new Properties();
    config.putAll(clientProperties);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    config.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        Math.toIntExact(sessionTimeout.toMillis()));
    config.put(
        StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), producerLinger.toMillis());
    config.put(
        StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
        Math.toIntExact(producerBatchSize.toBytes()));
    if (applicationServer != null && !applicationServer.isBlank()) {
      config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    return config;
  }
}
