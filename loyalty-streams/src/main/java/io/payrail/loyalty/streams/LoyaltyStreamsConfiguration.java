package io.payrail.loyalty.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.loyalty.points.LoyaltyProgramProperties;
import io.payrail.loyalty.points.MicrometerLoyaltyMetrics;
import io.payrail.loyalty.topology.LoyaltyTopology;
import io.payrail.schemas.serde.TopicSerdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the loyalty topology to Spring: configuration, serdes, metrics and the lifecycle. */
@Configuration(proxyBeanMethods = false)
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
  LoyaltyStreamsRunner loyaltyStreams(
      LoyaltyStreamsProperties streams,
      LoyaltyProgramProperties program,
      KafkaProperties kafka,
      TopicSerdes serdes,
      LoyaltyMetrics metrics,
      MeterRegistry registry) {
    return new LoyaltyStreamsRunner(
        LoyaltyTopology.topology(new StreamsBuilder(), program, serdes, metrics),
        streams.streamsConfig(kafka.getBootstrapServers(), kafka.getProperties()),
        registry,
        streams.closeTimeout());
  }

  /** Up while the streams client runs or rebalances; down once it has failed or stopped. */
  @Bean
  HealthIndicator loyaltyStreamsHealth(LoyaltyStreamsRunner runner) {
    return () -> {
      KafkaStreams.State state = runner.streams().state();
      return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
          ? Health.up().withDetail("state", state).build()
          : Health.down().withDetail("state", state).build();
    };
  }
}
