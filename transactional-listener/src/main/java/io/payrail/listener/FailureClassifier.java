package io.payrail.listener;

import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sorts what made a record or a batch fail.
 *
 * <ul>
 *   <li>{@link Failure#INFRASTRUCTURE}: something the record cannot help (database, broker, schema
 *       registry or acquirer away, a lock timeout): the whole batch is rolled back and retried with
 *       back-off until it goes through; never a dead letter.
 *   <li>{@link Failure#PERMANENT}: the record can never succeed (a duplicate key, a row-state
 *       violation, an idempotency key reused with other values, a value the ledger refuses): it is
 *       dead-lettered at once, without retries.
 *   <li>{@link Failure#UNKNOWN}: anything else; the record is retried alone a few times, then
 *       dead-lettered alone.
 * </ul>
 */
public final class FailureClassifier {

  /** The three classes of failure. */
  public enum Failure {
    INFRASTRUCTURE,
    PERMANENT,
    UNKNOWN
  }

  private static final List<Class<? extends Throwable>> INFRASTRUCTURE =
      List.of(
          SchemaRegistryUnavailableException.class,
          TransientDataAccessException.class,
          RecoverableDataAccessException.class,
          DataAccessResourceFailureException.class,
          CannotCreateTransactionException.class,
          SQLTransientException.class,
          SQLRecoverableException.class,
          RetriableException.class,
          KafkaException.class,
          org.apache.kafka.common.KafkaException.class);

  private final List<Class<? extends Throwable>> infrastructure;
  private final List<Class<? extends Throwable>> permanent;

  /**
   * @param infrastructure further failures of infrastructure (e.g. the acquirer being unreachable)
   * @param permanent failures that no retry can cure (e.g. a row-state violation)
   */
  public FailureClassifier(
      List<Class<? extends Throwable>> infrastructure, List<Class<? extends Throwable>> permanent) {
    this.infrastructure =
        java.util.stream.Stream.concat(INFRASTRUCTURE.stream(), infrastructure.stream()).toList();
    this.permanent =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(DataIntegrityViolationException.class),
                permanent.stream())
            .toList();
  }

  /** Infrastructure anywhere in the cause chain wins: then the record itself may well be fine. */
  public Failure classify(Throwable failure) {
    if (anyCause(failure, infrastructure)) {
      return Failure.INFRASTRUCTURE;
    }
    if (anyCause(failure, permanent)) {
      return Failure.PERMANENT;
    }
    return Failure.UNKNOWN;
  }

  private static boolean anyCause(Throwable failure, List<Class<? extends Throwable>> types) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
