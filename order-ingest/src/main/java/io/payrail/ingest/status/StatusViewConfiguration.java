package io.payrail.ingest.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.ingest.auth.IssuedKeys;
import io.payrail.ingest.coupon.CouponTopology;
import io.payrail.ingest.customer.CustomerTopology;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.routing.CommittedOffsets;
import io.payrail.routing.InternalRequestAuth;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.routing.RequestForwarder;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.lifecycle.StreamsHealth;
import io.payrail.streams.lifecycle.StreamsLifecycle;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The status view on Spring Kafka's Streams support: Spring Boot builds the streams configuration
 * from {@code spring.kafka.*} and the {@link StreamsBuilderFactoryBean} runs the client; this adds
 * the topology, Payrail's {@link StreamsLifecycle}, the key routing and the queries.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StatusViewConfiguration {

  @Bean
  StatusWaiters statusWaiters() {
    return new StatusWaiters();
  }

  /**
   * What the view's stores hold, for read-your-writes: the offsets the topology records, and the
   * group's committed offsets for what the stores held before this start (looked up on a miss, at
   * most once a second: the offsets only matter for a partition no record reached since the start,
   * and one answer serves every such partition until a task moves).
   */
  @Bean
  ProcessedOffsets statusViewProgress(StreamsBuilderFactoryBean streams, Admin admin) {
    return new ProcessedOffsets(
        new CommittedOffsets(
            admin,
            () ->
                streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
            Duration.ofSeconds(1)));
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer statusViewLifecycle(
      StatusViewProperties properties, MeterRegistry registry) {
    return new StreamsLifecycle(
        properties.streamsSettings(),
        properties.closeTimeout(),
        properties.registryBackoff(),
        registry);
  }

  /**
   * The view, on the builder the factory bean builds and runs: the members view's sub-topologies
   * ({@link CustomerTopology}), the coupons' global store ({@link CouponTopology}), the issued API
   * keys' global store ({@link IssuedKeys}), then the orders' status.
   */
  @Bean
  Topology statusViewTopology(
      StreamsBuilder builder,
      TopicSerdes serdes,
      StatusWaiters waiters,
      ProcessedOffsets progress,
      IngestMetrics metrics) {
    CustomerTopology.profiles(builder, serdes, progress);
    CouponTopology.coupons(builder, progress);
    IssuedKeys.table(builder);
    return StatusTopology.topology(builder, serdes, waiters, progress, metrics::statusViewSkipped);
  }

  /** Part of readiness: an instance answers GETs only while its share of the view is RUNNING. */
  @Bean
  HealthIndicator statusViewHealthIndicator(StreamsBuilderFactoryBean streams) {
    return StreamsHealth.queryable(streams);
  }

  /** This instance as the others reach it: its Kafka Streams {@code application.server}. */
  @Bean
  HostInfo selfHostInfo(KafkaProperties kafka) {
    return StreamsLifecycle.applicationServer(
        kafka.getStreams().getProperties(), "PAYRAIL_INGEST_ADVERTISED_SERVER");
  }

  @Bean
  KeyRouter<String> orderKeyRouter(StreamsBuilderFactoryBean streams, HostInfo self) {
    return new KeyRouter<>(
        streams::getKafkaStreams,
        StatusTopology.STORE,
        Topics.ORDERS.name(),
        new StringSerializer(),
        self);
  }

  @Bean
  RequestForwarder requestForwarder(
      HostInfo self, StatusViewProperties properties, InternalRequestAuth auth) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(properties.forwardTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new RequestForwarder(
        client,
        self,
        Set.of("content-type", "retry-after", "location", OrderStatusHeaders.WAIT_OUTCOME),
        auth);
  }

  @Bean(destroyMethod = "close")
  Admin statusViewAdmin(KafkaProperties kafka) {
    return Admin.create(kafka.buildAdminProperties());
  }

  @Bean
  OrderStatusView orderStatusView(
      StreamsBuilderFactoryBean streams,
      KeyRouter<String> router,
      StatusWaiters waiters,
      Admin admin,
      StatusViewProperties properties,
      ProcessedOffsets progress) {
    return new OrderStatusView(
        router,
        new LocalStoreReader<>(streams::getKafkaStreams, StatusTopology.STORE, progress),
        waiters,
        admin,
        properties,
        streams::getKafkaStreams,
        progress);
  }
}
