package io.payrail.refund.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.refund.decision.OutcomeKind;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.ledger.RefundRow;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refund outcomes by status and rejection code, and the amount paid back per currency. Counted
 * after the ledger commit, from the outcomes decided then: a redelivery answers from the ledger
 * ({@code REPLAYED}) and is counted apart, so a refund is counted once.
 */
@Component
class RefundMetrics {

  private static final String NONE = "none";

  private final MeterRegistry meters;

  RefundMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void recorded(List<RefundOutcome> outcomes) {
    for (RefundOutcome outcome : outcomes) {
      RefundRow row = outcome.row();
      if (outcome.kind() == OutcomeKind.REPLAYED) {
        Counter.builder("payrail.refunds.replayed")
            .description("Requests answered with the outcome their refundId already had")
            .register(meters)
            .increment();
        continue;
      }
      Counter.builder("payrail.refunds")
          .description("Refund requests decided, by status and rejection code")
          .tag("status", row.status().name())
          .tag("rejection_code", row.rejectionCode() == null ? NONE : row.rejectionCode())
          .register(meters)
          .increment();
      if (outcome.refundsNow()) {
        Counter.builder("payrail.refunds.amount.minor")
            .description("Amount paid back, in minor units of the currency")
            .tag("currency", row.currency())
            .register(meters)
            .increment(row.amountMinor());
      }
    }
  }
}
