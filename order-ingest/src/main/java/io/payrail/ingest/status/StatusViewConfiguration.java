package io.payrail.ingest.status;

import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.routing.RequestForwarder;
import io.payrail.schemas.serde.TopicSerdes;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatusViewConfiguration {

  @Bean
  StatusWaiters statusWaiters() {
    return new StatusWaiters();
  }

  @Bean
  ProcessedOffsets statusViewProgress() {
    return new ProcessedOffsets();
  }

  @Bean(destroyMethod = "")
  KafkaStreams statusViewStreams(
      KafkaProperties kafka,
      TopicSerdes serdes,
      StatusViewProperties properties,
      StatusWaiters waiters,
      ProcessedOffsets progress) {
    return new KafkaStreams(
        StatusTopology.topology(new StreamsBuilder(), serdes, waiters, progress),
        new StreamsConfig(streamsConfig(kafka, properties)));
  }

  static Map<String, Object> streamsConfig(KafkaProperties kafka, StatusViewProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.getProperties());
    config.put(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
    config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toString());
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, properties.applicationServer());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, properties.processingGuarantee());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    // The view is a reader of topics owned by other services, which dead-letter what they cannot
    // read; the view skips such a record (logged and counted in Streams' metrics) and goes on.
    config.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class);
    // A new view starts from the beginning of every topic: it must know all orders still retained.
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return config;
  }

  @Bean
  StatusViewStreams statusViewLifecycle(KafkaStreams streams, StatusViewProperties properties) {
    return new StatusViewStreams(streams, properties.closeTimeout());
  }

  @Bean
  StatusViewHealth statusViewHealthIndicator(KafkaStreams streams) {
    return new StatusViewHealth(streams);
  }

  @Bean
  HostInfo selfHostInfo(StatusViewProperties properties) {
    return HostInfo.buildFromEndpoint(properties.applicationServer());
  }

  @Bean
  KeyRouter<String> orderKeyRouter(KafkaStreams streams, HostInfo self) {
    return new KeyRouter<>(streams, StatusTopology.STORE, new StringSerializer(), self);
  }

  @Bean
  RequestForwarder requestForwarder(HostInfo self, StatusViewProperties properties) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(properties.forwardTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new RequestForwarder(
        client,
        self,
        Set.of("content-type", "retry-after", "location", OrderStatusHeaders.WAIT_OUTCOME));
  }

  @Bean(destroyMethod = "close")
  Admin statusViewAdmin(KafkaProperties kafka) {
    return Admin.create(kafka.buildAdminProperties());
  }

  @Bean
  OrderStatusView orderStatusView(
      KafkaStreams streams,
      KeyRouter<String> router,
      StatusWaiters waiters,
      Admin admin,
      StatusViewProperties properties,
      ProcessedOffsets progress) {
    return new OrderStatusView(
        router,
        new LocalStoreReader<>(streams, StatusTopology.STORE, progress),
        waiters,
        admin,
        properties);
  }
}
