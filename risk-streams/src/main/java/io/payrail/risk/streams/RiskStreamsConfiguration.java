package io.payrail.risk.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.rules.RiskRulesProperties;
import io.payrail.risk.scoring.MicrometerRiskMetrics;
import io.payrail.risk.scoring.RiskMetrics;
import io.payrail.risk.topology.RiskTopology;
import io.payrail.schemas.serde.TopicSerdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the risk topology to Spring: configuration, serdes, metrics and the streams lifecycle. */
@Configuration(proxyBeanMethods = false)
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
  RiskStreamsRunner riskStreams(
      RiskStreamsProperties streams,
      KafkaProperties kafka,
      RiskRules rules,
      TopicSerdes serdes,
      RiskMetrics metrics,
      MeterRegistry registry) {
    return new RiskStreamsRunner(
        RiskTopology.topology(
            new StreamsBuilder(), streams.topologySettings(), rules, serdes, metrics),
        streams.streamsConfig(kafka.getBootstrapServers(), kafka.getProperties()),
        registry,
        streams.closeTimeout());
  }

  /** Up while the streams client runs or rebalances; down once it has failed or stopped. */
  @Bean
  HealthIndicator riskStreamsHealth(RiskStreamsRunner runner) {
    return () -> {
      KafkaStreams.State state = runner.state();
      return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
          ? Health.up().withDetail("state", state).build()
          : Health.down().withDetail("state", state).build();
    };
  }
}
