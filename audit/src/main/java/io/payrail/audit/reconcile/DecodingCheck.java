package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.MisKeyedRecord;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.kafka.UnreadableRecord;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad input must never be lost: a record that does not decode is fine only if a service put it in
 * its dead-letter topic. A record whose key is not the one its value makes ({@code
 * merchantId/orderId}, {@code merchantId/customerId} for a balance) is always reported: a Payrail
 * service never writes one, so a writer broke the contract, even if a reader dead-lettered it.
 */
public final class DecodingCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    List<Discrepancy> found = new ArrayList<>();
    events.unreadable().stream()
        .filter(record -> !events.wasDeadLettered(record.source()))
        .map(DecodingCheck::discrepancy)
        .forEach(found::add);
    events.misKeyed().stream().map(DecodingCheck::misKeyed).forEach(found::add);
    return found;
  }

  private static Discrepancy misKeyed(MisKeyedRecord record) {
    boolean byCustomer = record.source().topic().equals(Topics.LOYALTY_BALANCES.name());
    return new Discrepancy(
        DiscrepancyKind.MISKEYED_RECORD,
        byCustomer ? null : record.expectedKey(),
        byCustomer ? record.expectedKey() : null,
        record.source()
            + " is keyed "
            + (record.key() == null ? "null" : "'" + record.key() + "'")
            + " but its value is of "
            + (byCustomer ? "customer" : "order")
            + " '"
            + record.expectedKey()
            + "' (merchantId/"
            + (byCustomer ? "customerId" : "orderId")
            + "): not counted for either");
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
