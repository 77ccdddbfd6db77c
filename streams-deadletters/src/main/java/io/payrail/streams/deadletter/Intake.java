package io.payrail.streams.deadletter;

import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The source serde of a contract topic in a topology that dead-letters: decodes and checks each
 * record and turns a poison pill (tombstone, corrupt bytes, unknown schema id, a value its check
 * refuses) into a {@link Outcome.DeadLetter} carrying the original bytes, instead of stopping the
 * stream thread.
 *
 * <p>Bytes that do not even decode are kept for inspection, unless they hold what looks like a card
 * number: that is never copied anywhere, so the dead letter then has no value (the reason is in its
 * headers) and cannot be replayed.
 *
 * <p>The one failure it lets through is the schema registry being away ({@link
 * SchemaRegistryUnavailableException}): the record is probably fine, so it must be read again once
 * the registry is back, never dead-lettered. The application's deserialization exception handler
 * fails the stream thread for it, which resumes from the last commit after a back-off.
 */
public final class Intake {

  private Intake() {}

  /** What to do with a decoded value: process it, or dead-letter it (with which bytes, why). */
  public interface Check<T> {
    Outcome<T> apply(T value, byte[] original);
  }

  /**
   * @param contract the contract serde of the topic's values
   * @param check what to do with each decoded value
   */
  public static <T> Serde<Outcome<T>> serde(Serde<T> contract, Check<T> check) {
    return Serdes.serdeFrom(
        new Writer<>(contract.serializer()), new Reader<>(contract.deserializer(), check));
  }

  /**
   * A check from a description of what is wrong: a value with a problem goes to the DLT as it came,
   * the problem in the headers.
   *
   * @param problem why a decoded value cannot be processed, or null when it can
   * @param invalid the exception that names a problem in the DLT headers
   */
  public static <T> Check<T> problems(
      Function<T, String> problem, Function<String, ? extends Exception> invalid) {
    return (value, original) -> {
      String why = problem.apply(value);
      return why == null
          ? new Outcome.Ok<>(value)
          : new Outcome.DeadLetter<>(original, invalid.apply(why));
    };
  }

  private record Reader<T>(Deserializer<T> contract, Check<T> check)
      implements Deserializer<Outcome<T>> {

    @Override
    public Outcome<T> deserialize(String topic, byte[] data) {
      return deserialize(topic, null, data);
    }

    @Override
    public Outcome<T> deserialize(String topic, Headers headers, byte[] data) {
      if (data == null) {
        return new Outcome.DeadLetter<>(
            null, new SerializationException("tombstone on " + topic + ": no value"));
      }
      T value;
      try {
        value = contract.deserialize(topic, headers, data);
      } catch (RuntimeException e) {
        if (SchemaRegistryUnavailableException.isCause(e)) {
          throw e;
        }
        boolean cardNumber =
            CardNumbers.containsCardNumber(new String(data, StandardCharsets.UTF_8));
        return new Outcome.DeadLetter<>(cardNumber ? null : data, e);
      }
      return check.apply(value, data);
    }
  }

  private record Writer<T>(Serializer<T> contract) implements Serializer<Outcome<T>> {

    @Override
    public byte[] serialize(String topic, Outcome<T> outcome) {
      if (outcome instanceof Outcome.Ok<T> ok) {
        return contract.serialize(topic, ok.value());
      }
      return outcome instanceof Outcome.DeadLetter<T> deadLetter
          ? deadLetter.originalValue()
          : null;
    }
  }
}
