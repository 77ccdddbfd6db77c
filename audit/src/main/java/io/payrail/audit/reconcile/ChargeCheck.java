package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No double charge and no charge lost: exactly one approved charge at the acquirer for each
 * CAPTURED payment, of its amount and currency and with its gateway reference, and none for any
 * other payment. Declined charges take no money and are not counted. A charge of a payment rejected
 * by risk or by a review (REJECTED_BY_RISK, REJECTED_BY_REVIEW) is the worst of those: money taken
 * from a customer who was told no.
 *
 * <p>A charge belongs to the payments row whose {@code charge_key} is its idempotency key: the key
 * the processor charged with, which tells two merchants' orders with the same orderId apart (the
 * acquirer's order_id alone does not). A charge under a key no row has (a lost key) belongs to the
 * row of the order it names (merchant_id, order_id), where it shows as one charge too many.
 */
public final class ChargeCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<OrderKey, List<ChargeRow>> approved = byOrder(ledger, true);
    Map<OrderKey, PaymentRow> payments = new HashMap<>();
    ledger.payments().forEach(row -> payments.put(row.orderKey(), row));

    List<Discrepancy> found = new ArrayList<>();
    for (PaymentRow payment : ledger.payments()) {
      if (!payment.captured()) {
        continue;
      }
      List<ChargeRow> charges = approved.getOrDefault(payment.orderKey(), List.of());
      String orderId = payment.orderKey().encoded();
      String customerId = payment.customerKey().encoded();
      if (charges.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.CAPTURE_WITHOUT_CHARGE,
                orderId,
                customerId,
                "payment "
                    + payment.paymentId()
                    + " is CAPTURED, the acquirer has no approved charge"));
      } else if (charges.size() > 1) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.DUPLICATE_CHARGE,
                orderId,
                customerId,
                charges.size()
                    + " approved charges: "
                    + charges.stream().map(ChargeRow::chargeReference).toList()));
      } else {
        ChargeRow charge = charges.get(0);
        List<String> differences = new ArrayList<>();
        PaymentLedgerCheck.compare(
            "amountMinor", payment.amountMinor(), charge.amountMinor(), differences);
        PaymentLedgerCheck.compare("currency", payment.currency(), charge.currency(), differences);
        PaymentLedgerCheck.compare(
            "reference", payment.gatewayReference(), charge.chargeReference(), differences);
        if (!differences.isEmpty()) {
          found.add(
              new Discrepancy(
                  DiscrepancyKind.CHARGE_MISMATCH,
                  orderId,
                  customerId,
                  "payment vs charge: " + String.join(", ", differences)));
        }
      }
    }
    approved.forEach(
        (order, charges) -> {
          PaymentRow payment = payments.get(order);
          // An UNKNOWN payment's charge is the reconciler's to find (PaymentLedgerCheck reports
          // one left UNKNOWN too long).
          if (payment != null && payment.rejected()) {
            // Risk or a reviewer said no, or the hold expired: the customer must not pay. (An
            // approval moves the row to PENDING before it charges, never to a rejection.)
            found.add(
                new Discrepancy(
                    DiscrepancyKind.REJECTED_BUT_CHARGED,
                    order.encoded(),
                    payment.customerKey().encoded(),
                    "payment "
                        + payment.paymentId()
                        + " is "
                        + payment.status()
                        + ", the acquirer approved "
                        + charges.size()
                        + " charge(s) "
                        + charges.stream().map(ChargeRow::chargeReference).toList()));
          } else if (payment == null || (!payment.captured() && !payment.unknown())) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.CHARGE_WITHOUT_CAPTURE,
                    order.encoded(),
                    payment == null ? null : payment.customerKey().encoded(),
                    charges.size()
                        + " approved charge(s) "
                        + charges.stream().map(ChargeRow::chargeReference).toList()
                        + (payment == null
                            ? " and no payment"
                            : " but payment is " + payment.status())));
          }
        });
    return found;
  }

  /** The order a charge is of: its payment's by charge key, else the one it names. */
  private static OrderKey orderOf(ChargeRow charge, Map<String, PaymentRow> byChargeKey) {
    PaymentRow payment = byChargeKey.get(charge.idempotencyKey());
    return payment != null ? payment.orderKey() : charge.orderKey();
  }

  /** The ledger's charges by the order they are of ({@link #orderOf}). */
  static Map<OrderKey, List<ChargeRow>> byOrder(LedgerRows ledger, boolean approvedOnly) {
    Map<String, PaymentRow> byChargeKey = new HashMap<>();
    ledger.payments().forEach(row -> byChargeKey.put(row.chargeKey(), row));
    Map<OrderKey, List<ChargeRow>> charges = new LinkedHashMap<>();
    ledger.charges().stream()
        .filter(charge -> !approvedOnly || charge.approved())
        .forEach(
            charge ->
                charges
                    .computeIfAbsent(orderOf(charge, byChargeKey), k -> new ArrayList<>())
                    .add(charge));
    return charges;
  }
}
