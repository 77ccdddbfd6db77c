package io.payrail.payment.review;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.ReviewDecided;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.ListenerProperties;
import io.payrail.listener.Rejected;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentMetrics;
import io.payrail.payment.points.PointsAnswer;
import io.payrail.payment.points.PointsAnswers;
import io.payrail.payment.publish.PaymentPublisher;
import io.payrail.payment.release.ReleasedCharges;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * chunk, the outcomes and the offsets commit with the transaction. An approved order is released
 * and charged by {@link ReleasedCharges} (PENDING committed before the acquirer is asked, the
 * order's one idempotency key: a redelivery or a second approval never charges twice). The row
 * remembers the decision's record, so only that record publishes the outcome; a charge without an
 * answer leaves the row UNKNOWN for the reconciler, as any charge. An approved order redeeming
 * points whose answer has not come waits AWAITING_POINTS for the points listener.
 */
@Component
public class ReviewDecisionListener {

  public static final String LISTENER_ID = "payment-review";

  private static final Logger log = LoggerFactory.getLogger(ReviewDecisionListener.class);

  private final BatchRunner batches;
  private final DeadLetters deadLetters;
  private final ReviewIntake intake;
  private final PaymentLedger ledger;
  private final PointsAnswers pointsAnswers;
  private final ReviewDecider decider;
  private final ReleasedCharges releases;
  private final PaymentPublisher publisher;
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
      PointsAnswers pointsAnswers,
      ReviewDecider decider,
      ReleasedCharges releases,
      PaymentPublisher publisher,
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
    this.pointsAnswers = pointsAnswers;
    this.decider = decider;
    this.releases = releases;
    this.publisher = publisher;
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
   * One chunk: sort, load, decide; the decisions' changes (PENDING, REJECTED_BY_REVIEW,
   * AWAITING_POINTS, DECLINED) committed before the acquirer is asked; the answers recorded; the
   * outcomes and dead letters sent once the chunk succeeded.
   */
  private Runnable apply(
      List<ConsumerRecord<String, ReviewDecided>> chunk, Consumer<?, ?> consumer) {
    ReviewIntake.Sorted sorted = intake.sort(chunk);
    Map<OrderKey, PaymentRow> existing = ledger.findByOrderKeys(sorted.orders());
    Map<OrderKey, PointsAnswer> answers =
        pointsAnswers.find(
            existing.values().stream()
                .filter(row -> row.pointsRedeemed() > 0)
                .map(PaymentRow::key)
                .toList());
    List<ReviewAction> actions =
        decider.plan(sorted.accepted(), existing, answers, clock.instant());

    List<StatusUpdate> decided =
        actions.stream().map(ReviewAction::change).filter(Objects::nonNull).toList();
    // A released order takes its coupon's use in this transaction; one whose coupon had none left
    // is declined in it too, and not charged.
    ReleasedCharges.Charged charged =
        releases.writeAndCharge(
            decided,
            actions.stream()
                .filter(action -> action.kind().charges())
                .map(ReviewAction::row)
                .toList());

    List<PaymentRow> outcomes = new ArrayList<>();
    List<Rejected> letters = new ArrayList<>(sorted.rejected());
    for (ReviewAction action : actions) {
      switch (action.kind()) {
        case REPUBLISH, REJECT, EXPIRE, POINTS_REFUSED -> outcomes.add(action.row());
        default -> {
          if (action.kind().isDeadLetter()) {
            letters.add(
                new Rejected(
                    action.decision().record(),
                    new InvalidReviewDecisionException(action.deadLetterReason())));
          }
        }
      }
    }
    outcomes.addAll(charged.outcomes());
    return () -> {
      deadLetters.publish(letters, consumer);
      publisher.publish(outcomes);
      counted(actions, decided, charged.finalized());
    };
  }

  private void counted(
      List<ReviewAction> actions, List<StatusUpdate> decided, List<StatusUpdate> answered) {
    for (ReviewAction action : actions) {
      switch (action.kind()) {
        case CHARGE, REJECT, EXPIRE, AWAIT_POINTS, POINTS_REFUSED ->
            metrics.applied(action.decision().value().getDecision().name());
        case SKIP_ALREADY_DECIDED -> {
          metrics.skipped();
          log.warn(
              "skipping {} of order {} ({}-{}@{}): its review is closed, the payment is {}",
              action.decision().value().getDecision(),
              action.decision().key(),
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
}
