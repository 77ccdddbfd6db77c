package io.payrail.payment.listener;

import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.intake.AssessmentIntake;
import io.payrail.payment.intake.Intake;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.points.PointsAnswer;
import io.payrail.payment.points.PointsAnswers;
import io.payrail.payment.publish.PaymentPublisher;
import io.payrail.schemas.keys.OrderKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The payment step. The container runs each call inside a Kafka transaction (read_committed input);
 * the {@link BatchRunner} hands the batch over in chunks, within a time budget, and deals with a
 * record that fails on its own; the ledger commits inside each chunk, the sends and the offsets
 * with the transaction. A crash or failure of infrastructure rolls the Kafka transaction back and
 * the batch is delivered again, which finds the rows already written (and publishes them) and
 * presents the same idempotency keys to the gateway (which charges nothing twice).
 */
@Component
public class PaymentBatchListener {

  public static final String LISTENER_ID = "payment-processor";

  private final BatchRunner batches;
  private final AssessmentIntake intake;
  private final DeadLetters deadLetters;
  private final PaymentLedger ledger;
  private final PointsAnswers pointsAnswers;
  private final PaymentDecider decider;
  private final ChargeExecutor gateway;
  private final PaymentPublisher publisher;
  private final PaymentStepHook steps;
  private final PaymentMetrics metrics;
  private final Clock clock;

  public PaymentBatchListener(
      BatchRunner batches,
      AssessmentIntake intake,
      DeadLetters deadLetters,
      PaymentLedger ledger,
      PointsAnswers pointsAnswers,
      PaymentDecider decider,
      ChargeExecutor gateway,
      PaymentPublisher publisher,
      PaymentStepHook steps,
      PaymentMetrics metrics,
      Clock clock) {
    this.batches = batches;
    this.intake = intake;
    this.deadLetters = deadLetters;
    this.ledger = ledger;
    this.pointsAnswers = pointsAnswers;
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
  public void onBatch(
      List<ConsumerRecord<String, RiskAssessed>> records,
      Consumer<?, ?> consumer,
      Acknowledgment acknowledgment) {
    metrics.batchReceived(records.size());
    batches.run(records, consumer, acknowledgment, chunk -> pay(chunk, consumer));
  }

  /**
   * One chunk: sort, load, decide; PENDING rows committed before the acquirer is asked; the answers
   * recorded; what it publishes is sent once the chunk succeeded. A charge without an answer leaves
   * its row UNKNOWN and publishes nothing: the reconciler resolves it and publishes it once.
   */
  private Runnable pay(List<ConsumerRecord<String, RiskAssessed>> chunk, Consumer<?, ?> consumer) {
    Intake sorted = intake.sort(chunk);
    Map<OrderKey, PaymentRow> existing = ledger.findByOrderKeys(sorted.orders());
    // Approved orders that redeem points are charged once their points are reserved: the answer
    // may have come before the order. The ledger checks again, under lock, for those it writes
    // AWAITING_POINTS.
    Map<OrderKey, PointsAnswer> answers =
        pointsAnswers.find(
            sorted.accepted().stream()
                .filter(assessment -> assessment.value().getDecision() == RiskDecision.APPROVE)
                .filter(assessment -> PaymentDecider.redeemsPoints(assessment.order()))
                .map(Assessment::key)
                .toList());
    BatchPlan planned = decider.plan(sorted.accepted(), existing, answers);

    Instant now = clock.instant();
    // A coupon's use is taken with the PENDING row; an order whose coupon had none left is written
    // DECLINED instead, and not charged. An order awaiting its points takes none yet.
    List<LedgerEntry> written = ledger.record(decider.newRows(planned, now));
    steps.reached(PaymentStep.AFTER_PENDING_COMMIT, planned.orders());
    BatchPlan plan =
        planned.withoutCharging(
            written.stream()
                .map(LedgerEntry::row)
                .filter(row -> row.status() == LedgerStatus.DECLINED)
                .map(PaymentRow::key)
                .collect(Collectors.toSet()));

    Map<String, ChargeOutcome> charges = gateway.chargeAll(decider.chargeRequests(plan));
    steps.reached(PaymentStep.AFTER_GATEWAY_CALL, plan.chargedOrders());

    List<StatusUpdate> answered = decider.chargeResults(plan, written, charges, clock.instant());
    ledger.update(answered);
    steps.reached(PaymentStep.AFTER_LEDGER_COMMIT, plan.orders());

    List<PaymentRow> outcomes = new ArrayList<>(plan.toRepublish());
    written.stream()
        .map(LedgerEntry::row)
        .filter(row -> row.status().isFinal())
        .forEach(outcomes::add);
    answered.stream()
        .map(StatusUpdate::row)
        .filter(row -> row.status().isFinal())
        .forEach(outcomes::add);
    return () -> {
      deadLetters.publish(sorted.rejected(), consumer);
      publisher.publish(outcomes);
      metrics.chunkRecorded(plan, written, answered);
    };
  }
}
