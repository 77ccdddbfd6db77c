package io.payrail.refund.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the no-op step hook with one the tests can arm. */
@TestConfiguration(proxyBeanMethods = false)
public class StepCrasherConfiguration {

  @Bean
  @Primary
  StepCrasher stepCrasher() {
    return new StepCrasher();
  }
}
