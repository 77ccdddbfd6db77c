package io.payrail.loyalty.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.loyalty.points.LoyaltyProgramProperties;
import io.payrail.loyalty.points.MicrometerLoyaltyMetrics;
import io.payrail.loyalty.topology.LoyaltyTopology;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.streams.lifecycle.StreamsHealth;
import io.payrail.streams.lifecycle.StreamsLifecycle;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Wires the loyalty topology to Spring Kafka's Streams support: Spring Boot builds the streams
 * configuration from {@code spring.kafka.*} and the {@link StreamsBuilderFactoryBean} runs the
 * client; this adds the programme, serdes, metrics and Payrail's {@link StreamsLifecycle}.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties({LoyaltyStreamsProperties.class, LoyaltyProgramProperties.class})
class LoyaltyStreamsConfiguration {

  @Bean
  TopicSerdes topicSerdes(KafkaProperties kafka) {
    return new TopicSerdes(kafka.getProperties());
  }

  @Bean
  LoyaltyMetrics loyaltyMetrics(MeterRegistry registry) {
    return new MicrometerLoyaltyMetrics(registry);
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer loyaltyStreamsLifecycle(
      LoyaltyStreamsProperties streams, MeterRegistry registry) {
    return new StreamsLifecycle(
        streams.streamsSettings(), streams.closeTimeout(), streams.registryBackoff(), registry);
  }

  /** The data flow, on the builder the factory bean builds and runs. */
  @Bean
  Topology loyaltyTopology(
      StreamsBuilder builder,
      LoyaltyProgramProperties program,
      TopicSerdes serdes,
      LoyaltyMetrics metrics) {
    return LoyaltyTopology.topology(builder, program, serdes, metrics);
  }

  @Bean
  HealthIndicator loyaltyStreamsHealth(StreamsBuilderFactoryBean streams) {
    return StreamsHealth.processing(streams);
  }
}
