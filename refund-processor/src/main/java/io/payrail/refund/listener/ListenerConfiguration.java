package io.payrail.refund.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.IdempotencyKeyReusedException;
import io.payrail.listener.DeadLetters;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.TransactionalListenerConfiguration;
import io.payrail.listener.reconcile.ReconcilerConfiguration;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The refund step's listener plumbing: the shared transactional-listener beans, for
 * refund-requests, and the shared reconciler for the refunds without an answer (package {@code
 * reconcile}).
 */
@Configuration(proxyBeanMethods = false)
@Import({TransactionalListenerConfiguration.class, ReconcilerConfiguration.class})
class ListenerConfiguration {

  @Bean
  RefundStepHook noStepHook() {
    return (step, orderKeys) -> {};
  }

  /** Dead letters keep their partition in {@code refund-requests.DLT}, with Spring's headers. */
  @Bean
  DeadLetters refundRequestsDeadLetters(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
    return DeadLetters.toDeadLetterTopic(kafka, Topics.REFUND_REQUESTS, meters);
  }

  /**
   * A row-state violation (the reconciler took the reservation over) or an idempotency key the
   * acquirer saw with other values never heals: dead-lettered at once.
   */
  @Bean
  FailureClassifier refundFailures() {
    return new FailureClassifier(
        List.of(),
        List.of(
            LedgerStatus.IllegalTransitionException.class, IdempotencyKeyReusedException.class));
  }
}
