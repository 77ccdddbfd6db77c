package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import java.util.List;

/** One comparison of the audit: pure, from what was read to what disagrees. */
public interface Reconciliation {

  List<Discrepancy> check(ResultTopics events, LedgerRows ledger);
}
