package io.payrail.audit.reconcile;

import io.payrail.audit.AuditSettings;
import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payments topic and the payments ledger tell the same story: every event has its row with the
 * same payment id, status, amount and currency, and every final row has its event. (The ledger is
 * written first, so a row without event is a lost publish and an event without row a lost write.)
 * An UNKNOWN row (the acquirer never answered) has no event until the processor's reconciler
 * resolves it; one UNKNOWN for longer than the threshold is a discrepancy. Likewise an approved row
 * AWAITING_POINTS (waiting for loyalty's answer to the points its order redeems) has no event until
 * the answer comes; one waiting longer than the audit's settle time, which covers an order's whole
 * way through a healthy pipeline, is a discrepancy (is loyalty-streams or the {@code
 * payment-points} listener running?).
 *
 * <p>An order risk held for review has its HELD_FOR_REVIEW event and, once a review decided, its
 * outcome event, while its row has only its latest status: the hold agrees with a row whose status
 * history shows it was held. A row a review released (history {@code HELD_FOR_REVIEW -> PENDING} or
 * {@code -> REJECTED_BY_REVIEW}) that is decided but whose outcome was never published is a lost
 * publish of the review's outcome.
 */
public final class PaymentLedgerCheck implements Reconciliation {

  private final Duration unknownThreshold;
  private final Duration awaitingPointsThreshold;
  private final Instant now;

  /**
   * @param unknownThreshold how long a payment may stay UNKNOWN before it is reported
   * @param awaitingPointsThreshold how long a payment may stay AWAITING_POINTS before it is
   *     reported: the audit's settle time
   * @param now when the ledger was read
   */
  public PaymentLedgerCheck(
      Duration unknownThreshold, Duration awaitingPointsThreshold, Instant now) {
    this.unknownThreshold = unknownThreshold;
    this.awaitingPointsThreshold = awaitingPointsThreshold;
    this.now = now;
  }

  /** With the default settle time as the AWAITING_POINTS threshold. */
  public PaymentLedgerCheck(Duration unknownThreshold, Instant now) {
    this(unknownThreshold, AuditSettings.DEFAULT_SETTLE, now);
  }

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<OrderKey, PaymentRow> rows = new HashMap<>();
    ledger.payments().forEach(row -> rows.put(row.orderKey(), row));
    Map<OrderKey, List<Event<PaymentProcessed>>> byOrder = OrderFlowCheck.byKey(events.payments());
    ReviewHistory reviews = ReviewHistory.of(ledger);

    List<Discrepancy> found = new ArrayList<>();
    byOrder.forEach(
        (order, paid) -> {
          PaymentRow row = rows.get(order);
          String orderId = order.encoded();
          for (Event<PaymentProcessed> event : paid) {
            PaymentProcessed value = event.value();
            String customerId = CustomerKey.of(value.getMerchantId(), value.getCustomerId());
            if (row == null) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.PAYMENT_WITHOUT_LEDGER_ROW,
                      orderId,
                      customerId,
                      value.getStatus() + " at " + event.source() + " has no payments row"));
              continue;
            }
            List<String> differences = differences(value, row, reviews);
            if (!differences.isEmpty()) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.PAYMENT_LEDGER_MISMATCH,
                      orderId,
                      customerId,
                      "event at " + event.source() + " vs row: " + String.join(", ", differences)));
            }
          }
        });
    for (PaymentRow row : ledger.payments()) {
      if (row.unknown()) {
        Duration waited = Duration.between(row.updatedAt(), now);
        if (waited.compareTo(unknownThreshold) > 0) {
          found.add(
              new Discrepancy(
                  DiscrepancyKind.PAYMENT_UNKNOWN_TOO_LONG,
                  row.orderKey().encoded(),
                  row.customerKey().encoded(),
                  "payment "
                      + row.paymentId()
                      + " has been UNKNOWN for "
                      + waited.toSeconds()
                      + " s (threshold "
                      + unknownThreshold.toSeconds()
                      + " s): is the reconciler running, does the acquirer answer lookups?"));
        }
      } else if (row.awaitingPoints()) {
        Duration waited = Duration.between(row.updatedAt(), now);
        if (waited.compareTo(awaitingPointsThreshold) > 0) {
          found.add(
              new Discrepancy(
                  DiscrepancyKind.PAYMENT_AWAITING_POINTS_TOO_LONG,
                  row.orderKey().encoded(),
                  row.customerKey().encoded(),
                  "payment "
                      + row.paymentId()
                      + " has been AWAITING_POINTS for "
                      + waited.toSeconds()
                      + " s (settle "
                      + awaitingPointsThreshold.toSeconds()
                      + " s): has loyalty-streams answered on points-reservations, is the"
                      + " payment-points listener running?"));
        }
      } else if (PaymentRow.PENDING.equals(row.status())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.PAYMENT_STUCK_PENDING,
                row.orderKey().encoded(),
                row.customerKey().encoded(),
                "payment " + row.paymentId() + " is PENDING: charged or not, it has no outcome"));
      } else {
        List<Event<PaymentProcessed>> paid = byOrder.getOrDefault(row.orderKey(), List.of());
        if (paid.isEmpty()) {
          found.add(
              new Discrepancy(
                  DiscrepancyKind.LEDGER_ROW_WITHOUT_EVENT,
                  row.orderKey().encoded(),
                  row.customerKey().encoded(),
                  "payment " + row.paymentId() + " is " + row.status() + " with no payment event"));
        } else if (!row.held() && paid.stream().allMatch(PaymentLedgerCheck::isHold)) {
          // Decided, but only its hold was published: consumers still see it waiting for review.
          Optional<String> released = reviews.releasedTo(row.orderKey());
          found.add(
              new Discrepancy(
                  released.isPresent()
                      ? DiscrepancyKind.REVIEW_OUTCOME_WITHOUT_EVENT
                      : DiscrepancyKind.LEDGER_ROW_WITHOUT_EVENT,
                  row.orderKey().encoded(),
                  row.customerKey().encoded(),
                  "payment "
                      + row.paymentId()
                      + released
                          .map(to -> " left HELD_FOR_REVIEW for " + to + " (a review's decision),")
                          .orElse("")
                      + " is "
                      + row.status()
                      + ", only HELD_FOR_REVIEW was published"));
        }
      }
    }
    return found;
  }

  private static boolean isHold(Event<PaymentProcessed> event) {
    return event.value().getStatus() == PaymentStatus.HELD_FOR_REVIEW;
  }

  private static List<String> differences(
      PaymentProcessed event, PaymentRow row, ReviewHistory reviews) {
    List<String> differences = new ArrayList<>();
    compare("paymentId", event.getPaymentId(), row.paymentId(), differences);
    // The hold of an order released since tells an earlier status, which the history has: the row
    // has moved on to its outcome (or to PENDING, UNKNOWN on the way there).
    boolean earlierHold =
        event.getStatus() == PaymentStatus.HELD_FOR_REVIEW && reviews.wasHeld(row.orderKey());
    if (!earlierHold) {
      compare("status", event.getStatus().name(), row.status(), differences);
    }
    compare("amountMinor", event.getAmountMinor(), row.amountMinor(), differences);
    compare("currency", event.getCurrency(), row.currency(), differences);
    compare("customerId", event.getCustomerId(), row.customerId(), differences);
    if (row.pointsRedeemed() != null) {
      compare("pointsRedeemed", event.getPointsRedeemed(), row.pointsRedeemed(), differences);
    }
    return differences;
  }

  static void compare(String field, Object event, Object row, List<String> differences) {
    if (!Objects.equals(event, row)) {
      differences.add(field + " " + event + " != " + row);
    }
  }
}
