package io.payrail.streams.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * How every Payrail Streams service runs on Spring Kafka's {@link StreamsBuilderFactoryBean}, on
 * top of the configuration Spring Boot builds from {@code spring.kafka.*} (bootstrap servers,
 * {@code spring.kafka.properties.*}, security and SSL, then {@code spring.kafka.streams.*}):
 *
 * <ul>
 *   <li>the service's own typed settings (durations and sizes with units, bound from {@code
 *       payrail.<service>.streams.*}) as Kafka Streams keys;
 *   <li>static membership: when the instance has an identity (its {@code application.server}, the
 *       pod's DNS name in Kubernetes, unique per instance) and no {@code group.instance.id} was
 *       given, the main consumer's {@code group.instance.id} is derived from it, so a restart
 *       within the session timeout gets its tasks back without a rebalance;
 *   <li>leave the group on a clean close: Kafka Streams' consumers never leave by themselves, so a
 *       stopped instance's tasks would wait the session timeout for another instance; with this
 *       they move at once (a rolling update relies on standbys, not on the pod coming back);
 *   <li>start after the web server and stop after its graceful shutdown has drained the requests
 *       (which may read the client's stores), and before the web server stops;
 *   <li>the schema registry being away fails the stream thread ({@link
 *       RegistryAwareDeserializationHandler}) and {@link ReplaceThread} replaces it after a
 *       back-off;
 *   <li>Kafka Streams client metrics reach Micrometer through Spring Boot's own configurer (a
 *       {@code KafkaStreamsMicrometerListener} on the factory bean).
 * </ul>
 */
public final class StreamsLifecycle implements StreamsBuilderFactoryBeanConfigurer {

  private static final String INSTANCE_ID =
      StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

  /**
   * Just below Spring Boot's {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE} and above
   * its web server's start/stop phase: lifecycles stop from the highest phase down.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 - 1;

  private final Map<String, ?> settings;
  private final Duration closeTimeout;
  private final RetryBackoff registryBackoff;
  private final MeterRegistry meters;

  /**
   * @param settings Kafka Streams configuration the service sets from its typed properties; they
   *     win over {@code spring.kafka.streams.properties.*}
   * @param closeTimeout how long a clean close may take (whole seconds, rounded up)
   * @param registryBackoff how long a thread that failed for an away registry waits
   * @param meters where thread replacements are counted
   */
  public StreamsLifecycle(
      Map<String, ?> settings,
      Duration closeTimeout,
      RetryBackoff registryBackoff,
      MeterRegistry meters) {
    this.settings = Map.copyOf(settings);
    this.closeTimeout = closeTimeout;
    this.registryBackoff = registryBackoff;
    this.meters = meters;
  }

  /**
   * Settings of an exactly-once service: {@code exactly_once_v2} always, how often a transaction
   * commits, and how long the group waits for a crashed instance.
   */
  public static Map<String, Object> exactlyOnce(Duration commitInterval, Duration sessionTimeout) {
    return Map.of(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        commitInterval.toMillis(),
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        Math.toIntExact(sessionTimeout.toMillis()));
  }

  @Override
  public void configure(StreamsBuilderFactoryBean factoryBean) {
    Properties config = factoryBean.getStreamsConfiguration();
    if (config == null) {
      throw new IllegalStateException("the streams factory bean has no configuration");
    }
    config.putAll(settings);
    config.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RegistryAwareDeserializationHandler.class);
    staticMember(config);
    factoryBean.setStreamsConfiguration(config);
    factoryBean.setPhase(PHASE);
    factoryBean.setLeaveGroupOnClose(true);
    factoryBean.setCloseTimeout(Math.toIntExact(closeTimeout.plusMillis(999).toSeconds()));
    factoryBean.setStreamsUncaughtExceptionHandler(
        new ReplaceThread(
            config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), registryBackoff, meters));
  }

  /** Runs after Spring Boot's own configurer, which sets auto-startup and clean-up. */
  @Override
  public int getOrder() {
    return 0;
  }

  /**
   * This instance as the other instances reach it, for interactive queries: its {@code
   * application.server} from {@code spring.kafka.streams.properties}, which must be set.
   *
   * @param variable the environment variable that sets it, for the error message
   */
  public static HostInfo applicationServer(Map<String, String> streamsProperties, String variable) {
    String server = streamsProperties.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    if (server == null || server.isBlank()) {
      throw new IllegalStateException(
          "spring.kafka.streams.properties.application.server ("
              + variable
              + ") must be this instance's host:port for interactive queries");
    }
    return HostInfo.buildFromEndpoint(server);
  }

  /**
   * {@code <application.id>-<application.server>} as the main consumer's {@code group.instance.id},
   * with what Kafka does not allow in one replaced by {@code _} (Kafka Streams appends each
   * thread's index). An explicit {@code group.instance.id} in any of its forms wins.
   */
  static void staticMember(Properties config) {
    String server = config.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
    boolean given =
        config.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
            || config.containsKey(
                StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
            || config.containsKey(INSTANCE_ID);
    if (server.isBlank() || given) {
      return;
    }
    String application = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    config.put(INSTANCE_ID, (application + "-" + server).replaceAll("[^A-Za-z0-9._-]", "_"));
  }
}
