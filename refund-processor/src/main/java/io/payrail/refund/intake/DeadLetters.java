package io.payrail.refund.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends rejected records to {@code refund-requests.DLT} with Spring Kafka's headers (exception
 * class, message, original topic, partition, offset). Called inside the listener's Kafka
 * transaction, so a dead letter is committed exactly once, together with the offsets that move past
 * it.
 */
@Component
public class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterPublishingRecoverer recoverer;
  private final Counter published;

  public DeadLetters(DeadLetterPublishingRecoverer recoverer, MeterRegistry meters) {
    this.recoverer = recoverer;
    this.published =
        Counter.builder("payrail.refund.dead.letters")
            .description("refund-requests records sent to the dead-letter topic")
            .register(meters);
  }

  public void publish(List<Rejected> rejected, Consumer<?, ?> consumer) {
    for (Rejected letter : rejected) {
      log.warn(
          "dead-lettering refund-requests-{}@{}: {}",
          letter.record().partition(),
          letter.record().offset(),
          letter.reason().getMessage());
      recoverer.accept(letter.record(), consumer, letter.reason());
      published.increment();
    }
  }
}
