package io.payrail.payment.listener;

import io.payrail.events.RiskAssessed;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.AssessmentIntake;
import io.payrail.payment.intake.DeadLetters;
import io.payrail.payment.intake.Intake;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.publish.PaymentPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The payment step. The container runs each call inside a Kafka transaction (read_committed input);
 * the ledger commits inside the call, the sends and the offsets when it returns. A crash or failure
 * anywhere rolls the Kafka transaction back and the batch is delivered again, which finds the rows
 * already written (and publishes them) and presents the same idempotency keys to the gateway (which
 * charges nothing twice).
 */
@Component
public class PaymentBatchListener {

  public static final String LISTENER_ID = "payment-processor";

  private final AssessmentIntake intake;
  private final DeadLetters deadLetters;
  private final PaymentLedger ledger;
  private final PaymentDecider decider;
  private final ChargeExecutor gateway;
  private final PaymentPublisher publisher;
  private final PaymentStepHook steps;
  private final PaymentMetrics metrics;
  private final Clock clock;

  public PaymentBatchListener(
      AssessmentIntake intake,
      DeadLetters deadLetters,
      PaymentLedger ledger,
      PaymentDecider decider,
      ChargeExecutor gateway,
      PaymentPublisher publisher,
      PaymentStepHook steps,
      PaymentMetrics metrics,
      Clock clock) {
    this.intake = intake;
    this.deadLetters = deadLetters;
    this.ledger = ledger;
    this.decider = decider;
    this.gateway = gateway;
    this.publisher = publisher;
    this.steps = steps;
    this.metrics = metrics;
    this.clock = clock;
  }

  @KafkaListener(
      id = LISTENER_ID,
      topics = "#{T(io.payrail.schemas.topics.Topics).ORDER_RISK.name()}",
      batch = "true")
  public void onBatch(List<ConsumerRecord<String, RiskAssessed>> records, Consumer<?, ?> consumer) {
    metrics.batchReceived(records.size());
    Intake sorted = intake.sort(records);
    deadLetters.publish(sorted.rejected(), consumer);

    Map<String, PaymentRow> existing = ledger.findByOrderIds(sorted.orderIds());
    BatchPlan plan = decider.plan(sorted.accepted(), existing);

    Map<String, ChargeOutcome> charges = gateway.chargeAll(decider.chargeRequests(plan));
    steps.afterGatewayCall(plan.orderIds());

    List<LedgerEntry> written = decider.ledgerEntries(plan, charges, clock.instant());
    ledger.record(written);
    steps.afterLedgerCommit(plan.orderIds());

    List<PaymentRow> outcomes = new ArrayList<>(plan.toRepublish());
    written.forEach(entry -> outcomes.add(entry.row()));
    publisher.publish(outcomes);
    metrics.batchRecorded(plan, written);
  }
}
