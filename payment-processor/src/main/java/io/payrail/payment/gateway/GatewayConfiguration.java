package io.payrail.payment.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The simulated acquirer is the gateway unless {@code payrail.gateway.kind} names another. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "payrail.gateway.kind",
      havingValue = "simulated",
      matchIfMissing = true)
  PaymentGateway simulatedAcquirer(
      NamedParameterJdbcTemplate jdbc,
      GatewayProperties properties,
      Clock clock,
      MeterRegistry meters) {
    return new SimulatedAcquirer(jdbc, properties, clock, meters);
  }
}
