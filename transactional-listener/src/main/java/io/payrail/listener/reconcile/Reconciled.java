package io.payrail.listener.reconcile;

import java.util.function.Function;

/**
 * What a processor's reconciler looks after: the rows of one ledger table that have no outcome and
 * nobody working on them, UNKNOWN (the acquirer never answered) or PENDING for far too long (the
 * record that wrote them was dead-lettered), and how to ask the acquirer about one of them. The
 * table has a {@code status} column with those two values and an {@code updated_at} column (UTC)
 * saying since when a row has its status.
 *
 * @param name what is reconciled, plural, as meters and logs name it: {@code payments}, {@code
 *     refunds}
 * @param table the ledger table
 * @param idColumn the row's id: one column, unique in the table (an id is also the key of the row's
 *     resolution record), e.g. the idempotency key the row is charged with
 * @param lookup asks the acquirer by the row's idempotency key what it did, and says how the row
 *     ends; an exception means the acquirer could not be asked (the next round tries again)
 */
public record Reconciled(
    String name, String table, String idColumn, Function<String, Resolution> lookup) {}
