package io.payrail.ingest.verification;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated verification provider exists only where it is switched on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerificationProperties.class)
class VerificationConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "payrail.ingest.verification.simulated-provider",
      havingValue = "true")
  SimulatedVerificationProvider simulatedVerificationProvider(
      Clock clock, VerificationProperties verification) {
    return new SimulatedVerificationProvider(clock, verification.simulatedValidity());
  }
}
