package io.payrail.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
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
   *
   * <p>Bytes that could not be read were never checked by the contract, so they may hold a card
   * number (a producer sending JSON, say): read as text, bytes or headers holding what looks like
   * one are left out of the dead letter (its headers still say why and where it came from), like
   * the intakes do with a readable record that holds one.
   */
  static DeadLetters toDeadLetterTopic(
      KafkaOperations<?, ?> kafka, Topic<?, ?> source, MeterRegistry meters) {
    Logger log = LoggerFactory.getLogger(DeadLetters.class);
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            kafka,
            (record, exception) ->
                new TopicPartition(source.deadLetterTopic(), record.partition())) {
          @Override
          protected ProducerRecord<Object, Object> createProducerRecord(
              ConsumerRecord<?, ?> record,
              TopicPartition topicPartition,
              Headers headers,
              byte[] key,
              byte[] value) {
            for (Header header : headers.toArray()) {
              if (holdsCardNumber(header.value())) {
                headers.remove(header.key());
              }
            }
            return super.createProducerRecord(
                record,
                topicPartition,
                headers,
                holdsCardNumber(key) ? null : key,
                holdsCardNumber(value) ? null : value);
          }
        };
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

  private static boolean holdsCardNumber(byte[] bytes) {
    return bytes != null
        && CardNumbers.containsCardNumber(new String(bytes, StandardCharsets.UTF_8));
  }
}
