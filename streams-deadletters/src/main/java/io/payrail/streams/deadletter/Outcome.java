package io.payrail.streams.deadletter;

/**
 * What a step of a topology made of one record: a value to pass on, or a dead letter. Failures are
 * values so that the topology writes them to the DLT inside the same exactly-once transaction as
 * its results, instead of a side producer that could lose or duplicate them.
 */
public sealed interface Outcome<T> {

  /** The step succeeded. */
  record Ok<T>(T value) implements Outcome<T> {}

  /**
   * The step could not handle the record.
   *
   * @param originalValue the bytes to put on the dead-letter topic, in the source topic's format
   *     (so that a replay can publish them there again); null for a tombstone
   * @param cause why, for the DLT headers
   */
  record DeadLetter<T>(byte[] originalValue, Exception cause) implements Outcome<T> {}

  default boolean isDeadLetter() {
    return this instanceof DeadLetter<?>;
  }
}
