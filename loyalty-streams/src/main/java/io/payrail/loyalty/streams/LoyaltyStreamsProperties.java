package io.payrail.loyalty.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How loyalty-streams runs on Kafka Streams, bound from {@code payrail.loyalty.streams.*}; defaults
 * and environment variables in application.yml.
 *
 * @param applicationId consumer group, transactional-id prefix and internal-topic prefix
 * @param stateDir where RocksDB state lives; lose it and the state is restored from changelogs
 * @param commitInterval how often a transaction commits: about one interval of latency per
 *     exactly-once hop, two hops here (see application.yml for the choice)
 * @param numStreamThreads one per JVM on two cores; more threads cost more than they give
 * @param numStandbyReplicas warm copies of the state on other instances, for fast fail-over
 * @param replicationFactor of internal topics; -1 takes the broker's default
 * @param applicationServer host:port of this instance's HTTP server, advertised to the other
 *     instances so that a balance query reaches the instance owning the customer
 * @param sessionTimeout how long the group waits for a crashed instance before moving its
 *     partitions
 * @param closeTimeout how long a clean shutdown may take
 */
@ConfigurationProperties("payrail.loyalty.streams")
public record LoyaltyStreamsProperties(
    String applicationId,
    String stateDir,
    Duration commitInterval,
    int numStreamThreads,
    int numStandbyReplicas,
    int replicationFactor,
    String applicationServer,
    Duration sessionTimeout,
    Duration closeTimeout) {

  public LoyaltyStreamsProperties {
    if (applicationServer == null || applicationServer.isBlank()) {
      throw new IllegalArgumentException(
          "payrail.loyalty.streams.application-server (PAYRAIL_LOYALTY_APPLICATION_SERVER) must"
              + " be this instance's host:port for balance queries");
    }
    HostInfo.buildFromEndpoint(applicationServer);
  }

  /** This instance as the other instances reach it. */
  public HostInfo self() {
    return HostInfo.buildFromEndpoint(applicationServer);
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
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    config.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        Math.toIntExact(sessionTimeout.toMillis()));
    // Static membership, named after the unique application.server: a clean close removes the
    // member at once (Streams only does that for static members), so its partitions move without
    // waiting for the session timeout; a quick restart within it keeps them without a rebalance.
    config.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        (applicationId + "-" + applicationServer).replaceAll("[^A-Za-z0-9._-]", "_"));
    return config;
  }
}
