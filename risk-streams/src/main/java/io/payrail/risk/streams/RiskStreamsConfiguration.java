package io.payrail.risk.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.rules.RiskRulesProperties;
import io.payrail.risk.scoring.MicrometerRiskMetrics;
import io.payrail.risk.scoring.RiskMetrics;
import io.payrail.risk.topology.RiskTopology;
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
 * Wires the risk topology to Spring Kafka's Streams support: Spring Boot builds the streams
 * configuration from {@code spring.kafka.*} and the {@link StreamsBuilderFactoryBean} runs the
 * client; this adds the rules, serdes, metrics and Payrail's {@link StreamsLifecycle}.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties({RiskStreamsProperties.class, RiskRulesProperties.class})
class RiskStreamsConfiguration {

  @Bean
  TopicSerdes topicSerdes(KafkaProperties kafka) {
    return new TopicSerdes(kafka.getProperties());
  }

  @Bean
  RiskRules riskRules(RiskRulesProperties rules) {
    return new RiskRules(rules);
  }

  @Bean
  RiskMetrics riskMetrics(MeterRegistry registry) {
    return new MicrometerRiskMetrics(registry);
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer riskStreamsLifecycle(
      RiskStreamsProperties streams, MeterRegistry registry) {
    return new StreamsLifecycle(
        streams.streamsSettings(), streams.closeTimeout(), streams.registryBackoff(), registry);
  }

  /** The data flow, on the builder the factory bean builds and runs. */
  @Bean
  Topology riskTopology(
      StreamsBuilder builder,
      RiskStreamsProperties streams,
      RiskRules rules,
      TopicSerdes serdes,
      RiskMetrics metrics) {
    return RiskTopology.topology(builder, streams.topologySettings(), rules, serdes, metrics);
  }

  @Bean
  HealthIndicator riskStreamsHealth(StreamsBuilderFactoryBean streams) {
    return StreamsHealth.processing(streams);
  }
}
