package io.payrail.refund.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.refund.decision.OutcomeKind;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.refund.ledger.StatusUpdate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refunds by the status they reached (UNKNOWN, COMPLETED, REJECTED; a reservation, PENDING, is not
 * counted) and rejection code, and the amount paid back per currency. Counted after the ledger
 * commit, from what was decided or changed then: a redelivery answers from the ledger ({@code
 * REPLAYED}) and is counted apart, so a refund is counted once per status it reaches.
 */
@Component
public class RefundMetrics {

  private static final String NONE = "none";

  private final MeterRegistry meters;

  RefundMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Counts a chunk's decisions and the acquirer's answers to it. */
  void chunkRecorded(List<RefundOutcome> decided, List<StatusUpdate> answered) {
    for (RefundOutcome outcome : decided) {
      if (outcome.kind() == OutcomeKind.REPLAYED) {
        Counter.builder("payrail.refunds.replayed")
            .description("Requests answered with the outcome their refundId already had")
            .register(meters)
            .increment();
      } else if ((outcome.kind() == OutcomeKind.RECORDED
              || outcome.kind() == OutcomeKind.NOT_RECORDED)
          && outcome.row().status() != LedgerStatus.PENDING) {
        reached(outcome.row());
      }
    }
    answered.forEach(update -> reached(update.row()));
  }

  /** Counts a refund that reached its row's status. */
  public void reached(RefundRow row) {
    Counter.builder("payrail.refunds")
        .description("Refunds that reached a status, by status and rejection code")
        .tag("status", row.status().name())
        .tag("rejection_code", row.rejectionCode() == null ? NONE : row.rejectionCode())
        .register(meters)
        .increment();
    if (row.status() == LedgerStatus.COMPLETED) {
      Counter.builder("payrail.refunds.amount.minor")
          .description("Amount paid back, in minor units of the currency")
          .tag("currency", row.currency())
          .register(meters)
          .increment(row.amountMinor());
    }
  }
}
