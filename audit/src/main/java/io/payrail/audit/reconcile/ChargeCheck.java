package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
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
 */
public final class ChargeCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<String, List<ChargeRow>> approved = new LinkedHashMap<>();
    ledger.charges().stream()
        .filter(ChargeRow::approved)
        .forEach(
            charge ->
                approved.computeIfAbsent(charge.orderId(), k -> new ArrayList<>()).add(charge));
    Map<String, PaymentRow> payments = new HashMap<>();
    ledger.payments().forEach(row -> payments.put(row.orderId(), row));

    List<Discrepancy> found = new ArrayList<>();
    for (PaymentRow payment : ledger.payments()) {
      if (!payment.captured()) {
        continue;
      }
      List<ChargeRow> charges = approved.getOrDefault(payment.orderId(), List.of());
      if (charges.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.CAPTURE_WITHOUT_CHARGE,
                payment.orderId(),
                payment.customerId(),
                "payment "
                    + payment.paymentId()
                    + " is CAPTURED, the acquirer has no approved charge"));
      } else if (charges.size() > 1) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.DUPLICATE_CHARGE,
                payment.orderId(),
                payment.customerId(),
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
                  payment.orderId(),
                  payment.customerId(),
                  "payment vs charge: " + String.join(", ", differences)));
        }
      }
    }
    approved.forEach(
        (orderId, charges) -> {
          PaymentRow payment = payments.get(orderId);
          // An UNKNOWN payment's charge is the reconciler's to find (PaymentLedgerCheck reports
          // one left UNKNOWN too long).
          if (payment != null && payment.rejected()) {
            // Risk or a reviewer said no, or the hold expired: the customer must not pay. (An
            // approval moves the row to PENDING before it charges, never to a rejection.)
            found.add(
                new Discrepancy(
                    DiscrepancyKind.REJECTED_BUT_CHARGED,
                    orderId,
                    payment.customerId(),
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
                    orderId,
                    payment == null ? null : payment.customerId(),
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
}
