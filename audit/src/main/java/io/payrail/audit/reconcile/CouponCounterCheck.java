package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.CouponCounterRow;
import io.payrail.audit.ledger.LedgerRows;
import java.util.ArrayList;
import java.util.List;

/**
 * A coupon's use counter says how many uses its redemptions hold: payment-processor moves both in
 * one transaction (a use TAKEN with the payment's PENDING row, RETURNED with a final status without
 * capture), so {@code coupon_uses.uses} equals the count of TAKEN {@code coupon_redemptions} in any
 * snapshot, in flight or not. A counter above it refuses orders the coupon still has uses for, one
 * below lets the coupon be used more often than its maxUses. Checked only when the ledger has the
 * coupon tables.
 */
public final class CouponCounterCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    List<Discrepancy> found = new ArrayList<>();
    for (CouponCounterRow counter : ledger.couponCounters()) {
      long uses = counter.uses() == null ? 0 : counter.uses();
      if (uses != counter.taken()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.COUPON_USES_MISMATCH,
                null,
                null,
                "coupon "
                    + counter.coupon()
                    + ": "
                    + (counter.uses() == null ? "no counter row" : "counter uses " + uses)
                    + ", "
                    + counter.taken()
                    + " TAKEN redemptions"));
      }
    }
    return found;
  }
}
