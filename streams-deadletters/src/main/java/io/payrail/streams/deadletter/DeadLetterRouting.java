package io.payrail.streams.deadletter;

import io.payrail.schemas.contract.CardNumbers;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The split every step that can fail ends with: its dead letters go to the DLT of the contract
 * topic they came from, stamped by {@link DeadLetterStamper}, and its values go on.
 *
 * <p>Kafka Streams 4.1 has no dead-letter queue of its own (KIP-1034's {@code
 * errors.dead.letter.queue.topic.name} arrives in 4.2), and an exception handler producing with a
 * producer of its own would write outside the exactly-once transaction. Routing dead letters as
 * records of the topology keeps them in the same transaction as the results.
 */
public final class DeadLetterRouting {

  private DeadLetterRouting() {}

  /**
   * Sends the dead letters among {@code outcomes} to their DLT and returns the values.
   *
   * @param step names the processors of this split (unique within the topology)
   * @param listener told about every dead letter
   */
  public static <T> KStream<String, T> deadLettersOff(
      KStream<String, Outcome<T>> outcomes, String step, DeadLetterStamper.Listener listener) {
    Map<String, KStream<String, Outcome<T>>> branches =
        outcomes
            .split(Named.as(step + "-"))
            .branch((key, outcome) -> outcome.isDeadLetter(), Branched.as("dead-letter"))
            .defaultBranch(Branched.as("ok"));
    branches
        .get(step + "-dead-letter")
        // A key holding what looks like a card number is not copied (nor logged): null instead.
        .selectKey(
            (key, outcome) -> key != null && CardNumbers.containsCardNumber(key) ? null : key,
            Named.as(step + "-drop-card-number-key"))
        .processValues(
            () -> new DeadLetterStamper<T>(listener), Named.as(step + "-stamp-dead-letter"))
        .to(
            DeadLetterStamper.deadLetterTopic(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(step + "-dlt"));
    return branches
        .get(step + "-ok")
        .mapValues(outcome -> ((Outcome.Ok<T>) outcome).value(), Named.as(step + "-value"));
  }
}
