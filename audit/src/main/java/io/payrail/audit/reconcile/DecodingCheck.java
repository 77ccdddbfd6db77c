package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.kafka.UnreadableRecord;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.schemas.topics.Topics;
import java.util.List;

/**
 * Bad input must never be lost: a record that does not decode is fine only if a service put it in
 * its dead-letter topic.
 */
public final class DecodingCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    return events.unreadable().stream()
        .filter(record -> !events.wasDeadLettered(record.source()))
        .map(DecodingCheck::discrepancy)
        .toList();
  }

  private static Discrepancy discrepancy(UnreadableRecord record) {
    boolean byCustomer = record.source().topic().equals(Topics.LOYALTY_BALANCES.name());
    return new Discrepancy(
        DiscrepancyKind.UNREADABLE_RECORD,
        byCustomer ? null : record.key(),
        byCustomer ? record.key() : null,
        record.source() + " does not decode and is not dead-lettered: " + record.reason());
  }
}
