package io.payrail.payment.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.StatusUpdate;
import java.util.List;
import org.springframework.stereotype.Component;

/** The processor's own meters; the gateway latency timer lives with the gateway calls. */
@Component
public class PaymentMetrics {

  private final MeterRegistry meters;
  private final DistributionSummary batchSize;
  private final Counter duplicates;

  public PaymentMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.batchSize =
        DistributionSummary.builder("payrail.payment.batch.size")
            .description("Records per polled batch, each one database and one Kafka transaction")
            .baseUnit("records")
            .publishPercentileHistogram()
            .register(meters);
    this.duplicates =
        Counter.builder("payrail.payment.duplicates")
            .description("Deliveries of orders that already had a payment; nothing was done")
            .register(meters);
  }

  void batchReceived(int records) {
    batchSize.record(records);
  }

  /**
   * Counts the payments the chunk brought to a status other than PENDING (final, or UNKNOWN until
   * the reconciler resolves it), by status, and its duplicates.
   */
  void chunkRecorded(BatchPlan plan, List<LedgerEntry> written, List<StatusUpdate> answered) {
    written.stream()
        .map(LedgerEntry::row)
        .filter(row -> row.status() != LedgerStatus.PENDING)
        .forEach(row -> recorded(row.status()));
    answered.forEach(update -> recorded(update.row().status()));
    duplicates.increment(plan.duplicates().size());
  }

  /** Counts a payment that reached this status. */
  public void recorded(LedgerStatus status) {
    Counter.builder("payrail.payments")
        .description("Payments that reached a status in the ledger (other than PENDING)")
        .tag("status", status.name())
        .register(meters)
        .increment();
  }
}
