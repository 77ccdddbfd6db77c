package io.payrail.payment.support;

import io.payrail.listener.testing.StepCrasher;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the no-op step hook with one the tests can arm. */
@TestConfiguration(proxyBeanMethods = false)
public class StepCrasherConfiguration {

  @Bean
  StepCrasher<PaymentStep> stepCrasher() {
    return new StepCrasher<>();
  }

  @Bean
  @Primary
  PaymentStepHook crashingSteps(StepCrasher<PaymentStep> crasher) {
    return crasher::reached;
  }
}
