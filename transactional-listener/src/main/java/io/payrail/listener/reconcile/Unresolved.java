package io.payrail.listener.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * A processor's ledger rows that have no outcome and nobody working on them, as the {@link
 * Reconciler} sees them: UNKNOWN (the acquirer never answered) or PENDING for far too long (the
 * record that wrote them was dead-lettered).
 */
public interface Unresolved {

  /** What is reconciled, plural, as meters and logs name it: {@code payments}, {@code refunds}. */
  String name();

  /** How many rows are UNKNOWN now, and since when the oldest has been. */
  Waiting unknown();

  /**
   * Ids of the rows UNKNOWN since before {@code unknownBefore} or PENDING since before {@code
   * pendingBefore}, oldest first; an id is also the key of the row's resolution record.
   */
  List<String> find(Instant unknownBefore, Instant pendingBefore, int limit);

  /**
   * Asks the acquirer by the row's idempotency key what it did, and says how the row ends. An
   * exception means the acquirer could not be asked: the next round tries again.
   */
  Resolution lookup(String id);

  /**
   * @param count rows UNKNOWN now
   * @param oldestSince when the oldest of them became UNKNOWN; null when there is none
   */
  record Waiting(long count, Instant oldestSince) {}
}
