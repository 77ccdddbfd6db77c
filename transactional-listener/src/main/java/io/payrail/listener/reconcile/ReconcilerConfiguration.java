package io.payrail.listener.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A processor's reconciler: imported by a service next to {@code
 * TransactionalListenerConfiguration}, which declares what is reconciled ({@link Reconciled}: the
 * ledger table and the acquirer's lookup) and how a resolution is recorded and published ({@link
 * Resolutions}). The internal resolutions topic is created at start-up (as a Streams application
 * creates its internal topics), with the brokers' default replication.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReconcilerProperties.class)
public class ReconcilerConfiguration {

  @Bean
  NewTopic resolutionsTopic(ReconcilerProperties properties) {
    return TopicBuilder.name(properties.topic()).partitions(properties.topicPartitions()).build();
  }

  @Bean
  Reconciler reconciler(
      Reconciled reconciled,
      JdbcClient jdbc,
      KafkaTemplate<String, Object> kafka,
      ReconcilerProperties properties,
      Clock clock,
      MeterRegistry meters) {
    return new Reconciler(reconciled, jdbc, kafka, properties, clock, meters);
  }

  @Bean
  ResolutionListener resolutionListener(Resolutions<?, ?> resolutions, Clock clock) {
    return new ResolutionListener(resolutions, clock);
  }
}
