package io.payrail.listener.reconcile;

/**
 * A ledger row that gets its outcome from exactly one Kafka record: the processor's input record
 * that created it, or a resolution of its reconciler. Implemented by the ledgers' row records.
 */
public interface OutcomeRow {

  /** Partition of the input record that created the row. */
  int sourcePartition();

  /** Offset of that record. */
  long sourceOffset();

  /** The record that gave the row its outcome; null while it has none. */
  SourceRecord finalizedBy();

  /** Whether the row has its outcome (neither PENDING nor UNKNOWN). */
  boolean isFinal();

  /**
   * Whether the input record at this partition and offset created the row: a redelivery of it
   * resumes or republishes the row, another record with the same key is a duplicate.
   */
  default boolean createdBy(int partition, long offset) {
    return sourcePartition() == partition && sourceOffset() == offset;
  }

  /** Whether this record gave the row its outcome (and so publishes it). */
  default boolean finalizedBy(SourceRecord record) {
    return record.equals(finalizedBy());
  }
}
