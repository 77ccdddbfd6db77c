package io.payrail.payment.review;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.ReviewDecided;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.ListenerProperties;
import io.payrail.listener.Rejected;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentMetrics;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.listener.PaymentStepHook;
import io.payrail.payment.publish.PaymentPublisher;
import io.payrail.payment.review.ReviewAction.Kind;
import io.payrail.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Applies review decisions exactly once, as the payment step applies risk assessments: the
 * container runs each poll inside a Kafka transaction (read_committed), the shared {@link
 * BatchRunner} hands it over in chunks and isolates a failing record, the ledger commits inside the
 * chunk, the outcomes and the offsets commit with the transaction. An approved order is PENDING in
 * a committed ledger transaction before the acquirer is asked (no row lock is held during the
 * call), and is charged with the order's one idempotency key: a redelivery or a second approval
 * never charges twice. The row remembers the decision's record, so only that record publishes the
 * outcome; a charge without an answer leaves the row UNKNOWN for the reconciler, as any charge.
 */
@Component
public class ReviewDecisionListener {

  public static final String LISTENER_ID = "payment-review";

  private static final Logger log = LoggerFactory.getLogger(ReviewDecisionListener.class);

  private final BatchRunner batches;
  private final DeadLetters deadLetters;
  private final ReviewIntake intake;
  private final PaymentLedger ledger;
  private final ReviewDecider decider;
  private final ChargeExecutor gateway;
  private final PaymentPublisher publisher;
  private final PaymentStepHook steps;
  private final PaymentMetrics payments;
  private final ReviewMetrics metrics;
  private final Clock clock;

  public ReviewDecisionListener(
      KafkaTemplate<String, Object> kafka,
      MeterRegistry meters,
      FailureClassifier failures,
      ListenerProperties listenerProperties,
      ReviewIntake intake,
      PaymentLedger ledger,
      ReviewDecider decider,
      ChargeExecutor gateway,
      PaymentPublisher publisher,
      PaymentStepHook steps,
      PaymentMetrics payments,
      ReviewMetrics metrics,
      Clock clock) {
    // This listener's own dead-letter topic (review-decisions.DLT) and runner over the shared
    // plumbing; not beans, so that the payment step's DeadLetters and BatchRunner stay the only
    // ones of their type in the context.
    this.deadLetters = DeadLetters.toDeadLetterTopic(kafka, Topics.REVIEW_DECISIONS, meters);
    this.batches = new BatchRunner(deadLetters, failures, listenerProperties, clock);
    this.intake = intake;
    this.ledger = ledger;
    this.decider = decider;
    this.gateway = gateway;
    this.publisher = publisher;
    this.steps = steps;
    this.payments = payments;
    this.metrics = metrics;
    this.clock = clock;
  }

  @KafkaListener(
      id = LISTENER_ID,
      groupId = LISTENER_ID,
      topics = "#{T(io.payrail.schemas.topics.Topics).REVIEW_DECISIONS.name()}",
      batch = "true")
  public void onBatch(
      List<ConsumerRecord<String, ReviewDecided>> records,
      Consumer<?, ?> consumer,
      Acknowledgment acknowledgment) {
    batches.run(records, consumer, acknowledgment, chunk -> apply(chunk, consumer));
  }

  /**
   * One chunk: sort, load, decide; the decisions' changes (PENDING, REJECTED_BY_REVIEW) committed
   * before the acquirer is asked; the answers recorded; the outcomes and dead letters sent once the
   * chunk succeeded.
   */
  private Runnable apply(
      List<ConsumerRecord<String, ReviewDecided>> chunk, Consumer<?, ?> consumer) {
    ReviewIntake.Sorted sorted = intake.sort(chunk);
    Map<String, PaymentRow> existing = ledger.findByOrderIds(sorted.orderIds());
    List<ReviewAction> actions = decider.plan(sorted.accepted(), existing, clock.instant());

    List<StatusUpdate> decided =
        actions.stream().map(ReviewAction::change).filter(Objects::nonNull).toList();
    // A released order takes its coupon's use in this transaction; one whose coupon had none left
    // is declined in it too, and not charged.
    List<StatusUpdate> refused = ledger.update(decided);
    steps.reached(PaymentStep.AFTER_PENDING_COMMIT, orderIds(decided));
    Set<String> refusedIds = Set.copyOf(orderIds(refused));

    List<PaymentRow> toCharge =
        actions.stream()
            .filter(action -> action.kind().charges())
            .map(ReviewAction::row)
            .filter(row -> !refusedIds.contains(row.orderId()))
            .toList();
    Map<String, ChargeOutcome> charges = gateway.chargeAll(decider.chargeRequests(toCharge));
    steps.reached(
        PaymentStep.AFTER_GATEWAY_CALL, toCharge.stream().map(PaymentRow::orderId).toList());

    Instant now = clock.instant();
    List<StatusUpdate> answered = new ArrayList<>(toCharge.size());
    for (PaymentRow pending : toCharge) {
      ChargeOutcome outcome = charges.get(pending.orderId());
      if (outcome == null) {
        throw new IllegalStateException("no charge outcome for " + pending.orderId());
      }
      answered.add(PaymentDecider.resolve(pending, outcome, pending.reviewedBy(), now));
    }
    ledger.update(answered);
    steps.reached(PaymentStep.AFTER_LEDGER_COMMIT, orderIds(answered));

    List<PaymentRow> outcomes = new ArrayList<>();
    List<Rejected> letters = new ArrayList<>(sorted.rejected());
    for (ReviewAction action : actions) {
      if (action.kind() == Kind.REPUBLISH) {
        outcomes.add(action.row());
      } else if (action.kind() == Kind.REJECT || action.kind() == Kind.EXPIRE) {
        outcomes.add(action.row());
      } else if (action.kind().isDeadLetter()) {
        letters.add(
            new Rejected(
                action.decision().record(),
                new InvalidReviewDecisionException(action.deadLetterReason())));
      }
    }
    refused.forEach(update -> outcomes.add(update.row()));
    answered.stream()
        .map(StatusUpdate::row)
        .filter(row -> row.status().isFinal())
        .forEach(outcomes::add);
    List<StatusUpdate> finalized = new ArrayList<>(answered);
    finalized.addAll(refused);
    return () -> {
      deadLetters.publish(letters, consumer);
      publisher.publish(outcomes);
      counted(actions, decided, finalized);
    };
  }

  private void counted(
      List<ReviewAction> actions, List<StatusUpdate> decided, List<StatusUpdate> answered) {
    for (ReviewAction action : actions) {
      switch (action.kind()) {
        case CHARGE, REJECT, EXPIRE ->
            metrics.applied(action.decision().value().getDecision().name());
        case SKIP_ALREADY_DECIDED -> {
          metrics.skipped();
          log.warn(
              "skipping {} of order {} ({}-{}@{}): its review is closed, the payment is {}",
              action.decision().value().getDecision(),
              action.decision().orderId(),
              action.decision().record().topic(),
              action.decision().record().partition(),
              action.decision().record().offset(),
              action.row().status());
        }
        default -> {}
      }
    }
    decided.stream()
        .map(StatusUpdate::row)
        .filter(row -> row.status().isFinal())
        .forEach(row -> payments.recorded(row.status()));
    answered.forEach(update -> payments.recorded(update.row().status()));
  }

  private static List<String> orderIds(List<StatusUpdate> updates) {
    return updates.stream().map(update -> update.row().orderId()).toList();
  }
}
