package io.payrail.refund.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The simulated acquirer, unless a real {@link RefundGateway} bean is given. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

  @Bean
  @ConditionalOnMissingBean(RefundGateway.class)
  SimulatedAcquirer simulatedAcquirer(
      JdbcClient jdbc,
      JdbcTransactionManager ledgerTransactionManager,
      Clock clock,
      MeterRegistry meters) {
    return new SimulatedAcquirer(jdbc, ledgerTransactionManager, clock, meters);
  }
}
