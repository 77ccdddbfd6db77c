package io.payrail.refund.listener;

import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.topics.Topics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The few beans around Boot's Kafka auto-configuration. With {@code transaction-id-prefix} set,
 * Boot gives the listener container a {@code KafkaTransactionManager}, so a failed batch is handled
 * by the {@link AfterRollbackProcessor} here (the container's error handler is not consulted).
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  RefundStepHook noStepHook() {
    return new RefundStepHook() {};
  }

  /**
   * One transactional producer writes refunds (Avro) and dead letters, whose values are the
   * original bytes when they could not be deserialized, so that both join the same transaction.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer avroOrOriginalBytesValues() {
    return factory -> {
      Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
      byType.put(byte[].class, new ByteArraySerializer());
      byType.put(SpecificRecord.class, new AvroSerializer<>());
      @SuppressWarnings("unchecked")
      DefaultKafkaProducerFactory<Object, Object> typed =
          (DefaultKafkaProducerFactory<Object, Object>) factory;
      typed.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
    };
  }

  /** Dead letters keep their partition in {@code refund-requests.DLT}, with Spring's headers. */
  @Bean
  DeadLetterPublishingRecoverer refundRequestsDeadLetterRecoverer(
      KafkaTemplate<String, Object> kafka) {
    return new DeadLetterPublishingRecoverer(
        kafka,
        (record, exception) ->
            new TopicPartition(Topics.REFUND_REQUESTS.deadLetterTopic(), record.partition()));
  }

  /**
   * Bad records never reach this point (the listener dead-letters them), so what fails a batch is
   * the database, the gateway, the broker or a crash: retry the whole batch, uncommitted, until it
   * succeeds. Every exception is retryable, so no valid request is ever skipped.
   */
  @Bean
  AfterRollbackProcessor<Object, Object> retryWholeBatch(RefundProperties properties) {
    RefundProperties.BatchRetry retry = properties.batchRetry();
    ExponentialBackOff backOff =
        new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    DefaultAfterRollbackProcessor<Object, Object> processor =
        new DefaultAfterRollbackProcessor<>(backOff);
    processor.setClassifications(Map.of(), true);
    return processor;
  }
}
