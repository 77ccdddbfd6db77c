package io.payrail.payment.reconcile;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reconciler's schedule and its internal topic, which the processor creates at start-up (as a
 * Streams application creates its internal topics), with the broker's default replication.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReconcilerConfiguration {

  @Bean
  NewTopic paymentResolutionsTopic(ReconcilerProperties properties) {
    return TopicBuilder.name(properties.topic()).partitions(properties.topicPartitions()).build();
  }
}
