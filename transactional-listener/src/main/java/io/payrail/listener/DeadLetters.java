package io.payrail.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.schemas.topics.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** Where a listener's records that cannot be processed go. */
@FunctionalInterface
public interface DeadLetters {

  void publish(Rejected letter, Consumer<?, ?> consumer);

  default void publish(List<Rejected> rejected, Consumer<?, ?> consumer) {
    rejected.forEach(letter -> publish(letter, consumer));
  }

  /**
   * Sends records of one source topic to its {@code <topic>.DLT}, same partition, with Spring
   * Kafka's headers (exception class, message, original topic, partition, offset; the original
   * bytes when the value could not be read). Called inside the listener's Kafka transaction, so a
   * dead letter is committed exactly once, together with the offsets that move past it.
   */
  static DeadLetters toDeadLetterTopic(
      KafkaOperations<?, ?> kafka, Topic<?, ?> source, MeterRegistry meters) {
    Logger log = LoggerFactory.getLogger(DeadLetters.class);
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            kafka,
            (record, exception) ->
                new TopicPartition(source.deadLetterTopic(), record.partition()));
    Counter published =
        Counter.builder("payrail.listener.dead.letters")
            .description("Records sent to their dead-letter topic")
            .tag("topic", source.name())
            .register(meters);
    return (letter, consumer) -> {
      log.warn(
          "dead-lettering {}-{}@{}: {}",
          source.name(),
          letter.record().partition(),
          letter.record().offset(),
          letter.reason().toString());
      recoverer.accept(letter.record(), consumer, letter.reason());
      published.increment();
    };
  }
}
