package io.payrail.schemas.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not answer (unreachable, timed out, or a 5xx, 408 or 429): the record
 * is probably fine and must be read again later, never dead-lettered. Consumers wait this out (roll
 * the batch back and back off, or fail the stream thread so that it resumes from the last commit);
 * only a {@link org.apache.kafka.common.errors.SerializationException} (corrupt bytes, an unknown
 * schema id) makes a dead letter.
 */
public final class SchemaRegistryUnavailableException extends RetriableException {

  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when {@code failure} or one of its causes says the registry was away. */
  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryUnavailableException) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
