package io.payrail.audit.ledger;

import java.util.List;

/**
 * The ledger's and the acquirer's rows of the audited orders, read in one consistent snapshot.
 *
 * @param reviewHistory the payments' status changes into or out of HELD_FOR_REVIEW, oldest first
 * @param couponCounters the use counters of the coupons the audited orders redeemed, with their
 *     redemptions counted; empty when {@code couponTables} is false
 * @param couponTables whether the ledger has the coupon tables (payment-processor's V6): a ledger
 *     migrated before them is audited without its counters
 * @param pointsReservations payment-processor's recorded answers to the audited orders' points;
 *     empty when {@code pointsTable} is false
 * @param pointsTable whether the ledger has {@code points_reservations}: a ledger migrated before
 *     points is audited without it
 */
public record LedgerRows(
    List<PaymentRow> payments,
    List<ChargeRow> charges,
    List<RefundRow> refunds,
    List<AcquirerRefundRow> acquirerRefunds,
    List<PaymentStatusChange> reviewHistory,
    List<CouponCounterRow> couponCounters,
    boolean couponTables,
    List<PointsReservationRow> pointsReservations,
    boolean pointsTable) {

  public LedgerRows {
    payments = List.copyOf(payments);
    charges = List.copyOf(charges);
    refunds = List.copyOf(refunds);
    acquirerRefunds = List.copyOf(acquirerRefunds);
    reviewHistory = List.copyOf(reviewHistory);
    couponCounters = List.copyOf(couponCounters);
    pointsReservations = List.copyOf(pointsReservations);
  }

  /** The rows of a ledger without {@code points_reservations}. */
  public LedgerRows(
      List<PaymentRow> payments,
      List<ChargeRow> charges,
      List<RefundRow> refunds,
      List<AcquirerRefundRow> acquirerRefunds,
      List<PaymentStatusChange> reviewHistory,
      List<CouponCounterRow> couponCounters,
      boolean couponTables) {
    this(
        payments,
        charges,
        refunds,
        acquirerRefunds,
        reviewHistory,
        couponCounters,
        couponTables,
        List.of(),
        false);
  }

  /** The rows of a ledger without the coupon tables. */
  public LedgerRows(
      List<PaymentRow> payments,
      List<ChargeRow> charges,
      List<RefundRow> refunds,
      List<AcquirerRefundRow> acquirerRefunds,
      List<PaymentStatusChange> reviewHistory) {
    this(payments, charges, refunds, acquirerRefunds, reviewHistory, List.of(), false);
  }
}
