package io.payrail.payment.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.ledger.LedgerEntry;
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

  /** Counts the new payments the batch recorded in the ledger, by status, and its duplicates. */
  void batchRecorded(BatchPlan plan, List<LedgerEntry> written) {
    for (LedgerEntry entry : written) {
      Counter.builder("payrail.payments")
          .description("Payments recorded in the ledger, by status")
          .tag("status", entry.row().status().name())
          .register(meters)
          .increment();
    }
    duplicates.increment(plan.duplicates().size());
  }
}
