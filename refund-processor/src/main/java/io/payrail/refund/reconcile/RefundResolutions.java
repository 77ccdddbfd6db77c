package io.payrail.refund.reconcile;

import io.payrail.listener.reconcile.Resolution;
import io.payrail.listener.reconcile.Resolutions;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.refund.decision.RefundDecider;
import io.payrail.refund.ledger.RefundLedger;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.refund.ledger.StatusUpdate;
import io.payrail.refund.listener.RefundMetrics;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.listener.RefundStepHook;
import io.payrail.refund.publish.RefundPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How a refund's resolution is recorded and published: the row moves from UNKNOWN (or PENDING) to
 * what the acquirer did, remembering the resolution record, and its one {@code RefundProcessed} is
 * published (UNKNOWN and PENDING are ledger statuses, never event statuses).
 */
@Component
class RefundResolutions implements Resolutions<RefundRow, StatusUpdate> {

  private final RefundLedger ledger;
  private final RefundPublisher publisher;
  private final RefundStepHook steps;
  private final RefundMetrics metrics;

  RefundResolutions(
      RefundLedger ledger, RefundPublisher publisher, RefundStepHook steps, RefundMetrics metrics) {
    this.ledger = ledger;
    this.publisher = publisher;
    this.steps = steps;
    this.metrics = metrics;
  }

  /** The rows the resolutions name, by the acquirer key the reconciler asked about. */
  @Override
  public Map<String, RefundRow> find(Collection<String> acquirerKeys) {
    return ledger.findByAcquirerKeys(acquirerKeys);
  }

  @Override
  public StatusUpdate resolve(
      RefundRow row, Resolution resolution, SourceRecord source, Instant now) {
    return RefundDecider.resolve(row, resolution, source, now);
  }

  @Override
  public void record(List<StatusUpdate> changes) {
    ledger.update(changes);
    steps.reached(
        RefundStep.AFTER_RESOLUTION_COMMIT,
        changes.stream().map(update -> update.row().orderKey().encoded()).distinct().toList());
  }

  @Override
  public void publish(List<RefundRow> again, List<StatusUpdate> resolved) {
    List<RefundRow> outcomes = new ArrayList<>(again);
    resolved.forEach(update -> outcomes.add(update.row()));
    publisher.publish(outcomes);
    resolved.forEach(update -> metrics.reached(update.row()));
  }
}
