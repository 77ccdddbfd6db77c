package io.payrail.refund.support;

import io.payrail.listener.testing.StepCrasher;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.listener.RefundStepHook;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the no-op step hook with one the tests can arm. */
@TestConfiguration(proxyBeanMethods = false)
public class StepCrasherConfiguration {

  @Bean
  StepCrasher<RefundStep> stepCrasher() {
    return new StepCrasher<>();
  }

  @Bean
  @Primary
  RefundStepHook crashingSteps(StepCrasher<RefundStep> crasher) {
    return crasher::reached;
  }
}
