package io.payrail.payment.points;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.PointsReservation;
import io.payrail.listener.BatchRunner;
import io.payrail.listener.DeadLetters;
import io.payrail.listener.FailureClassifier;
import io.payrail.listener.ListenerProperties;
import io.payrail.listener.Rejected;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.listener.PaymentMetrics;
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
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Applies loyalty-streams' points answers exactly once, the review decisions' sibling: the
 * container runs each poll inside a Kafka transaction (read_committed), the shared {@link
 * BatchRunner} hands it over in chunks and isolates a failing record, the ledger commits inside the
 * chunk, the outcomes and the offsets commit with the transaction.
 *
 * <p>Every answer is recorded first (the first one per order, in {@code points_reservations},
 * committed), then the payments are read: an answer that came before its order is found there by
 * the order-risk listener, and one that came while the order was being written is found by that
 * write's locking read ({@link PointsAnswers}). An order awaiting its points is released to PENDING
 * and charged by {@link ReleasedCharges} (RESERVED), or declined {@code points_unavailable} without
 * a charge (REFUSED); the row remembers the answer's record, so only that record publishes the
 * outcome.
 */
@Component
public class PointsReservationListener {

  public static final String LISTENER_ID = "payment-points";

  private final BatchRunner batches;
  private final DeadLetters deadLetters;
  private final PointsIntake intake;
  private final PointsAnswers answers;
  private final PaymentLedger ledger;
  private final PointsDecider decider;
  private final ReleasedCharges releases;
  private final PaymentPublisher publisher;
  private final PaymentMetrics payments;
  private final PointsMetrics metrics;
  private final Clock clock;

  public PointsReservationListener(
      KafkaTemplate<String, Object> kafka,
      MeterRegistry meters,
      FailureClassifier failures,
      ListenerProperties listenerProperties,
      PointsIntake intake,
      PointsAnswers answers,
      PaymentLedger ledger,
      PointsDecider decider,
      ReleasedCharges releases,
      PaymentPublisher publisher,
      PaymentMetrics payments,
      PointsMetrics metrics,
      Clock clock) {
    // This listener's own dead-letter topic (points-reservations.DLT) and runner over the shared
    // plumbing; not beans, so that the payment step's DeadLetters and BatchRunner stay the only
    // ones of their type in the context.
    this.deadLetters = DeadLetters.toDeadLetterTopic(kafka, Topics.POINTS_RESERVATIONS, meters);
    this.batches = new BatchRunner(deadLetters, failures, listenerProperties, clock);
    this.intake = intake;
    this.answers = answers;
    this.ledger = ledger;
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
      topics = "#{T(io.payrail.schemas.topics.Topics).POINTS_RESERVATIONS.name()}",
      batch = "true")
  public void onBatch(
      List<ConsumerRecord<String, PointsReservation>> records,
      Consumer<?, ?> consumer,
      Acknowledgment acknowledgment) {
    batches.run(records, consumer, acknowledgment, chunk -> apply(chunk, consumer));
  }

  /**
   * One chunk: sort; dead-letter the answers that do not match their payment; record the others;
   * load, decide; the releases and declines committed before the acquirer is asked; the answers
   * recorded; the outcomes and dead letters sent once the chunk succeeded.
   */
  private Runnable apply(
      List<ConsumerRecord<String, PointsReservation>> chunk, Consumer<?, ?> consumer) {
    PointsIntake.Sorted sorted = intake.sort(chunk);
    List<Rejected> letters = new ArrayList<>(sorted.rejected());
    // A payment's merchant, customer and points never change: read before the answers are
    // recorded, they tell which answers are bad records, never to be recorded.
    Map<OrderKey, PaymentRow> known = ledger.findByOrderKeys(orders(sorted.accepted()));
    List<Answered> valid = new ArrayList<>(sorted.accepted().size());
    for (Answered answered : sorted.accepted()) {
      String mismatch = decider.mismatch(known.get(answered.key()), answered);
      if (mismatch == null) {
        valid.add(answered);
      } else {
        letters.add(
            new Rejected(answered.record(), new InvalidPointsReservationException(mismatch)));
      }
    }

    List<PointsAnswer> recorded =
        answers.record(valid.stream().map(Answered::answer).toList(), clock.instant());
    // Read after the answers committed, with a locking read (waits for a row being written): a row
    // written AWAITING_POINTS meanwhile is seen here, or its writer saw the answer (PointsAnswers).
    Map<OrderKey, PaymentRow> existing = ledger.findByOrderKeysLatest(orders(valid));
    List<PointsAction> actions = decider.plan(valid, existing, clock.instant());

    List<StatusUpdate> decided =
        actions.stream().map(PointsAction::change).filter(Objects::nonNull).toList();
    // A released order takes its coupon's use in this transaction; one whose coupon had none left
    // is declined in it too, and not charged.
    ReleasedCharges.Charged charged =
        releases.writeAndCharge(
            decided,
            actions.stream()
                .filter(action -> action.kind().charges())
                .map(PointsAction::row)
                .toList());

    List<PaymentRow> outcomes = new ArrayList<>();
    for (PointsAction action : actions) {
      if (action.kind() == PointsAction.Kind.REPUBLISH
          || action.kind() == PointsAction.Kind.DECLINE) {
        outcomes.add(action.row());
      }
    }
    outcomes.addAll(charged.outcomes());
    return () -> {
      deadLetters.publish(letters, consumer);
      publisher.publish(outcomes);
      metrics.recorded(recorded);
      decided.stream()
          .map(StatusUpdate::row)
          .filter(row -> row.status().isFinal())
          .forEach(row -> payments.recorded(row.status()));
      charged.finalized().forEach(update -> payments.recorded(update.row().status()));
    };
  }

  private static List<OrderKey> orders(List<Answered> answered) {
    return answered.stream().map(Answered::key).distinct().toList();
  }
}
