package io.payrail.refund.listener;

import io.payrail.events.RefundRequested;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.refund.decision.RefundDecider;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.gateway.RefundExecutor;
import io.payrail.refund.intake.Intake;
import io.payrail.refund.intake.RefundIntake;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.RefundLedger;
import io.payrail.refund.publish.RefundPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The refund step. The container runs each call inside a Kafka transaction (read_committed input);
 * the {@link BatchRunner} hands the batch over in chunks, within a time budget, and deals with a
 * record that fails on its own; the ledger commits inside each chunk, the events and the offsets
 * with the transaction. A crash or failure anywhere rolls the Kafka transaction back and the batch
 * is delivered again: it finds the outcomes already kept (and publishes them again, identical) or
 * decides them again against the same ledger and presents the same refundIds to the gateway, which
 * pays nothing back twice.
 */
@Component
public class RefundBatchListener {

  public static final String LISTENER_ID = "refund-processor";

  private final BatchRunner batches;
  private final RefundIntake intake;
  private final DeadLetters deadLetters;
  private final RefundLedger ledger;
  private final RefundDecider decider;
  private final RefundExecutor gateway;
  private final RefundPublisher publisher;
  private final RefundStepHook steps;
  private final RefundMetrics metrics;
  private final Clock clock;

  public RefundBatchListener(
      BatchRunner batches,
      RefundIntake intake,
      DeadLetters deadLetters,
      RefundLedger ledger,
      RefundDecider decider,
      RefundExecutor gateway,
      RefundPublisher publisher,
      RefundStepHook steps,
      RefundMetrics metrics,
      Clock clock) {
    this.batches = batches;
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
      topics = "#{T(io.payrail.schemas.topics.Topics).REFUND_REQUESTS.name()}",
      batch = "true")
  public void onBatch(
      List<ConsumerRecord<String, RefundRequested>> records,
      Consumer<?, ?> consumer,
      Acknowledgment acknowledgment) {
    batches.run(records, consumer, acknowledgment, chunk -> refund(chunk, consumer));
  }

  /** One chunk: sort, decide under lock, pay back; what it publishes is sent once it succeeded. */
  private Runnable refund(
      List<ConsumerRecord<String, RefundRequested>> chunk, Consumer<?, ?> consumer) {
    Intake sorted = intake.sort(chunk);
    if (sorted.accepted().isEmpty()) {
      return () -> deadLetters.publish(sorted.rejected(), consumer);
    }

    // One database transaction per chunk: each order's payment row stays locked from the check of
    // what remains to the commit of the refund, so no other instance can refund the same money.
    List<RefundOutcome> outcomes =
        ledger.inTransaction(
            () -> {
              Instant now = clock.instant();
              LedgerSnapshot snapshot = ledger.lockAndLoad(sorted.accepted());
              List<RefundOutcome> decided = decider.decide(sorted.accepted(), snapshot, now);
              ledger.record(decided, now);
              List<RefundOutcome> refunded = gateway.refundAll(decided);
              steps.reached(RefundStep.AFTER_GATEWAY_REFUND, orderIds(refunded));
              ledger.attachGatewayReferences(refunded);
              return refunded;
            });
    steps.reached(RefundStep.AFTER_LEDGER_COMMIT, orderIds(outcomes));

    return () -> {
      deadLetters.publish(sorted.rejected(), consumer);
      publisher.publish(outcomes);
      metrics.recorded(outcomes);
    };
  }

  private static List<String> orderIds(List<RefundOutcome> outcomes) {
    return outcomes.stream().map(outcome -> outcome.row().orderId()).distinct().toList();
  }
}
