package io.payrail.payment.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.IdempotencyKeyReusedException;
import io.payrail.listener.DeadLetters;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.TransactionalListenerConfiguration;
import io.payrail.listener.reconcile.ReconcilerConfiguration;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The payment step's listener plumbing: the shared transactional-listener beans, for order-risk,
 * and the shared reconciler for the payments without an answer (package {@code reconcile}).
 */
@Configuration(proxyBeanMethods = false)
@Import({TransactionalListenerConfiguration.class, ReconcilerConfiguration.class})
class ListenerConfiguration {

  @Bean
  PaymentStepHook noStepHook() {
    return (step, orderIds) -> {};
  }

  /** Dead letters keep their partition in {@code order-risk.DLT}, with Spring's reason headers. */
  @Bean
  DeadLetters orderRiskDeadLetters(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
    return DeadLetters.toDeadLetterTopic(kafka, Topics.ORDER_RISK, meters);
  }

  /** A row-state violation or a reused idempotency key never heals: dead-lettered at once. */
  @Bean
  FailureClassifier paymentFailures() {
    return new FailureClassifier(
        List.of(),
        List.of(
            LedgerStatus.IllegalTransitionException.class, IdempotencyKeyReusedException.class));
  }
}
