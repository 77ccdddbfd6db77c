package io.payrail.payment.release;

import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import io.payrail.schemas.keys.OrderKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one way a row written earlier is released to PENDING and charged, shared by the listeners
 * that release rows: a reviewer's approval (held orders) and loyalty-streams' points answer (orders
 * awaiting their points). The release is committed before the acquirer is asked (no row lock is
 * held during the call); a released row takes its coupon's use in that transaction, or is declined
 * at once when none is left. The charge uses the row's one idempotency key ({@link
 * PaymentRow#chargeKey()}, stored with the row), so a redelivery or a second release never charges
 * twice, and the answer is recorded as finalized by the record that released the row ({@link
 * PaymentRow#releasedBy()}): only that record's redelivery publishes it. A charge without an answer
 * leaves the row UNKNOWN for the reconciler.
 */
@Component
public class ReleasedCharges {

  private final PaymentLedger ledger;
  private final ChargeExecutor gateway;
  private final PaymentStepHook steps;
  private final Clock clock;

  public ReleasedCharges(
      PaymentLedger ledger, ChargeExecutor gateway, PaymentStepHook steps, Clock clock) {
    this.ledger = ledger;
    this.gateway = gateway;
    this.steps = steps;
    this.clock = clock;
  }

  /**
   * Writes the changes, then charges the rows to charge that the coupon did not refuse, then
   * records the acquirer's answers.
   *
   * @param changes the chunk's changes, committed first (releases to PENDING and final changes)
   * @param toCharge PENDING rows to charge: those the changes release and those an earlier attempt
   *     of the same record released (charged again with the same idempotency key)
   */
  public Charged writeAndCharge(List<StatusUpdate> changes, List<PaymentRow> toCharge) {
    List<StatusUpdate> refused = ledger.update(changes);
    steps.reached(PaymentStep.AFTER_PENDING_COMMIT, orders(changes));
    Set<OrderKey> refusedOrders = Set.copyOf(orders(refused));

    List<PaymentRow> charged =
        toCharge.stream().filter(row -> !refusedOrders.contains(row.key())).toList();
    Map<String, ChargeOutcome> charges = gateway.chargeAll(chargeRequests(charged));
    steps.reached(PaymentStep.AFTER_GATEWAY_CALL, charged.stream().map(PaymentRow::key).toList());

    Instant now = clock.instant();
    List<StatusUpdate> answered = new ArrayList<>(charged.size());
    for (PaymentRow pending : charged) {
      ChargeOutcome outcome = charges.get(pending.chargeKey());
      if (outcome == null) {
        throw new IllegalStateException("no charge outcome for " + pending.key());
      }
      answered.add(PaymentDecider.resolve(pending, outcome, pending.releasedBy(), now));
    }
    ledger.update(answered);
    steps.reached(PaymentStep.AFTER_LEDGER_COMMIT, orders(answered));
    return new Charged(refused, answered);
  }

  /**
   * The gateway requests of released rows, each with the idempotency key stored with its row (the
   * key of its first attempt, whichever way it was derived then).
   */
  public static List<ChargeRequest> chargeRequests(List<PaymentRow> pending) {
    return pending.stream()
        .map(
            row ->
                new ChargeRequest(
                    row.chargeKey(),
                    row.orderId(),
                    row.merchantId(),
                    row.amountMinor(),
                    row.currency(),
                    row.paymentToken(),
                    row.cardBrand(),
                    row.cardLast4()))
        .toList();
  }

  private static List<OrderKey> orders(List<StatusUpdate> updates) {
    return updates.stream().map(update -> update.row().key()).toList();
  }

  /**
   * What a release and its charges did.
   *
   * @param refused the releases the coupon refused: PENDING to DECLINED, never charged
   * @param answered the charged rows moved on by the acquirer's answers (UNKNOWN where none came)
   */
  public record Charged(List<StatusUpdate> refused, List<StatusUpdate> answered) {

    public Charged {
      refused = List.copyOf(refused);
      answered = List.copyOf(answered);
    }

    /** The rows that have an outcome to publish now: the refusals and the final answers. */
    public List<PaymentRow> outcomes() {
      List<PaymentRow> outcomes = new ArrayList<>();
      refused.forEach(update -> outcomes.add(update.row()));
      answered.stream()
          .map(StatusUpdate::row)
          .filter(row -> row.status().isFinal())
          .forEach(outcomes::add);
      return outcomes;
    }

    /** Every change to a status other than PENDING, to be counted. */
    public List<StatusUpdate> finalized() {
      List<StatusUpdate> finalized = new ArrayList<>(answered);
      finalized.addAll(refused);
      return finalized;
    }
  }
}
