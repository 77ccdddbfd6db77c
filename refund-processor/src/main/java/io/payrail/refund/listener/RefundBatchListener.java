package io.payrail.refund.listener;

import io.payrail.events.RefundRequested;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.refund.decision.RefundDecider;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.gateway.RefundExecutor;
import io.payrail.refund.intake.Intake;
import io.payrail.refund.intake.RefundIntake;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.ledger.RefundLedger;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.refund.ledger.StatusUpdate;
import io.payrail.refund.publish.RefundPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * is delivered again: it finds the outcomes already kept (and publishes again those it finalized,
 * identical) or decides them again against the same ledger and presents the same refundIds to the
 * gateway, which pays nothing back twice. A refund whose acquirer call got no answer stays UNKNOWN
 * (reserved) and is resolved and published by the reconciler (package {@code reconcile}).
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

  /**
   * One chunk: sort; decide under the payment rows' locks and reserve the refunds (PENDING, counted
   * against what was captured), commit; only then ask the acquirer, outside any transaction that
   * holds a lock; record its answers (COMPLETED, or UNKNOWN when none came: still reserved, the
   * reconciler resolves it); what the chunk publishes is sent once it succeeded.
   */
  private Runnable refund(
      List<ConsumerRecord<String, RefundRequested>> chunk, Consumer<?, ?> consumer) {
    Intake sorted = intake.sort(chunk);
    if (sorted.accepted().isEmpty()) {
      return () -> deadLetters.publish(sorted.rejected(), consumer);
    }

    // Each order's payment row stays locked from the check of what remains to the commit of the
    // reservation, so no other instance can refund the same money.
    List<RefundOutcome> decided =
        ledger.inTransaction(
            () -> {
              Instant now = clock.instant();
              LedgerSnapshot snapshot = ledger.lockAndLoad(sorted.accepted());
              List<RefundOutcome> outcomes = decider.decide(sorted.accepted(), snapshot, now);
              ledger.record(outcomes, now);
              return outcomes;
            });
    steps.reached(RefundStep.AFTER_RESERVE_COMMIT, orderKeys(decided));

    Map<RefundKey, RefundResponse> paidBack = gateway.refundAll(decided);
    steps.reached(RefundStep.AFTER_GATEWAY_REFUND, orderKeys(decided));

    List<StatusUpdate> answered = decider.gatewayResults(decided, paidBack, clock.instant());
    ledger.update(answered);
    steps.reached(RefundStep.AFTER_LEDGER_COMMIT, orderKeys(decided));

    List<RefundRow> answers = answers(decided, answered);
    return () -> {
      deadLetters.publish(sorted.rejected(), consumer);
      publisher.publish(answers);
      metrics.chunkRecorded(decided, answered);
    };
  }

  /**
   * The outcomes that answer their request now: every final one. A reservation is answered once the
   * acquirer confirmed it in this chunk (not while UNKNOWN: the reconciler answers it), and so is a
   * repeated request of a refund paid back in this chunk.
   */
  private static List<RefundRow> answers(List<RefundOutcome> decided, List<StatusUpdate> answered) {
    Map<RefundKey, RefundRow> finalNow = new HashMap<>();
    answered.stream()
        .map(StatusUpdate::row)
        .filter(row -> row.status().isFinal())
        .forEach(row -> finalNow.put(row.key(), row));
    List<RefundRow> answers = new ArrayList<>();
    for (RefundOutcome outcome : decided) {
      RefundRow row = outcome.row();
      RefundRow answer =
          switch (outcome.kind()) {
            case RECORDED, RESUMED -> finalNow.getOrDefault(row.key(), row);
            case UNANSWERED -> finalNow.get(row.key());
            case REPLAYED, NOT_RECORDED -> row;
          };
      if (answer != null && answer.status().isFinal()) {
        answers.add(answer);
      }
    }
    return answers;
  }

  private static List<String> orderKeys(List<RefundOutcome> outcomes) {
    return outcomes.stream().map(outcome -> outcome.row().orderKey().encoded()).distinct().toList();
  }
}
