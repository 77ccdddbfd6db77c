package io.payrail.payment.reconcile;

import io.payrail.listener.reconcile.Resolution;
import io.payrail.listener.reconcile.Resolutions;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentMetrics;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import io.payrail.payment.publish.PaymentPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How a payment's resolution is recorded and published: the row moves from UNKNOWN (or PENDING) to
 * what the acquirer did, remembering the resolution record, and its one {@code PaymentProcessed} is
 * published (UNKNOWN is a ledger status, never an event status).
 */
@Component
class PaymentResolutions implements Resolutions<PaymentRow, StatusUpdate> {

  private final PaymentLedger ledger;
  private final PaymentPublisher publisher;
  private final PaymentStepHook steps;
  private final PaymentMetrics metrics;

  PaymentResolutions(
      PaymentLedger ledger,
      PaymentPublisher publisher,
      PaymentStepHook steps,
      PaymentMetrics metrics) {
    this.ledger = ledger;
    this.publisher = publisher;
    this.steps = steps;
    this.metrics = metrics;
  }

  /** The rows by their charge keys: the reconciler's ids ({@link PaymentReconciliation}). */
  @Override
  public Map<String, PaymentRow> find(Collection<String> chargeKeys) {
    return ledger.findByChargeKeys(chargeKeys);
  }

  @Override
  public StatusUpdate resolve(
      PaymentRow row, Resolution resolution, SourceRecord source, Instant now) {
    ChargeOutcome outcome =
        new ChargeOutcome(
            ChargeOutcome.Result.valueOf(resolution.outcome()),
            resolution.reference(),
            resolution.code());
    return PaymentDecider.resolve(row, outcome, source, now);
  }

  @Override
  public void record(List<StatusUpdate> changes) {
    ledger.update(changes);
    steps.reached(
        PaymentStep.AFTER_RESOLUTION_COMMIT,
        changes.stream().map(update -> update.row().key()).toList());
  }

  @Override
  public void publish(List<PaymentRow> again, List<StatusUpdate> resolved) {
    List<PaymentRow> outcomes = new ArrayList<>(again);
    resolved.forEach(update -> outcomes.add(update.row()));
    publisher.publish(outcomes);
    resolved.forEach(update -> metrics.recorded(update.row().status()));
  }
}
