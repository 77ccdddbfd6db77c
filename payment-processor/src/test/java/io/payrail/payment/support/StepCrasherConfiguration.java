package io.payrail.payment.support;

import io.payrail.listener.testing.StepCrasher;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import io.payrail.schemas.keys.OrderKey;
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
    // The crasher matches Kafka keys: the orders' encoded merchantId/orderId.
    return (step, orders) -> crasher.reached(step, orders.stream().map(OrderKey::encoded).toList());
  }
}
