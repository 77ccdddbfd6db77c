package io.payrail.listener;

import io.payrail.schemas.serde.AvroSerializer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The beans a transactional batch listener adds to Boot's Kafka auto-configuration; a service
 * imports this and declares its {@link DeadLetters} (which topic it reads) and its {@link
 * FailureClassifier} (which of its own failures never heal). With {@code transaction-id-prefix}
 * set, Boot gives the listener container a {@code KafkaTransactionManager}, so a batch that throws
 * is handled by the {@link AfterRollbackProcessor} here; the listener itself handles what concerns
 * one record ({@link BatchRunner}), and a batch whose producer was fenced is read again ({@link
 * FencedContainerRestart}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ListenerProperties.class)
public class TransactionalListenerConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * One transactional producer writes results (Avro), dead letters (whose values are the original
   * bytes when they could not be deserialized) and internal records (text), so that all join the
   * same transaction.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer avroOrOriginalBytesValues() {
    return factory -> {
      Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
      byType.put(byte[].class, new ByteArraySerializer());
      byType.put(String.class, new StringSerializer());
      byType.put(SpecificRecord.class, new AvroSerializer<>());
      @SuppressWarnings("unchecked")
      DefaultKafkaProducerFactory<Object, Object> typed =
          (DefaultKafkaProducerFactory<Object, Object>) factory;
      typed.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
    };
  }

  /**
   * What reaches this point failed the whole batch: infrastructure away (database, broker, schema
   * registry, acquirer) or a crash. Retry the whole batch, uncommitted, with back-off, until it
   * succeeds: every exception is retryable, so no valid record is ever skipped. (Spring Kafka
   * cannot tell which record of a transactional batch failed; {@link BatchRunner} does that.)
   */
  @Bean
  AfterRollbackProcessor<Object, Object> retryWholeBatch(ListenerProperties properties) {
    ListenerProperties.BatchRetry retry = properties.batchRetry();
    ExponentialBackOff backOff =
        new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    DefaultAfterRollbackProcessor<Object, Object> processor =
        new DefaultAfterRollbackProcessor<>(backOff);
    processor.setClassifications(Map.of(), true);
    return processor;
  }

  /** A fenced container stops, so that {@link FencedContainerRestart} reads its batch again. */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      stopWhenFenced() {
    return container -> container.getContainerProperties().setStopContainerWhenFenced(true);
  }

  @Bean
  FencedContainerRestart fencedContainerRestart() {
    return new FencedContainerRestart(new SimpleAsyncTaskExecutor("fenced-restart-"));
  }

  @Bean
  BatchRunner batchRunner(
      DeadLetters deadLetters,
      FailureClassifier classifier,
      ListenerProperties properties,
      Clock clock) {
    return new BatchRunner(deadLetters, classifier, properties, clock);
  }
}
