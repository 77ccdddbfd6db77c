package io.payrail.listener.reconcile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How a processor records a resolution in its ledger and publishes the outcome, for the {@link
 * ResolutionListener}.
 *
 * @param <R> a ledger row
 * @param <C> a change of a row's status, as the ledger records it
 */
public interface Resolutions<R extends OutcomeRow, C> {

  /** The rows with these ids, by id. */
  Map<String, R> find(Collection<String> ids);

  /**
   * The change the resolution makes to a row that is not final yet, finalized by {@code source}.
   *
   * @throws IllegalArgumentException when the resolution makes no sense for the row
   */
  C resolve(R row, Resolution resolution, SourceRecord source, Instant now);

  /**
   * Records the changes in one database transaction, committed on return. A row that moved on
   * meanwhile fails the whole transaction.
   */
  void record(List<C> changes);

  /**
   * Publishes the outcome of the rows these very records finalized in an earlier attempt, and of
   * the changes just recorded, into the listener's Kafka transaction.
   */
  void publish(List<R> again, List<C> resolved);
}
