package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltySource;
import io.payrail.events.PointsReservation;
import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import io.payrail.loyalty.rules.PointsLedger;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.streams.deadletter.Outcome;
import java.time.Duration;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Applies each event of a customer to its balance: loads the balance and the order's record, lets
 * the {@link PointsLedger} decide, stores both and forwards the new balance keyed {@code
 * merchantId/customerId}, and the answer to an order redeeming points keyed {@code
 * merchantId/orderId}. The events of one customer come through one partition of the repartition
 * topic, so this is the one writer of their balance and decides their orders' reservations one
 * after the other: two orders cannot both reserve the same points. A repeated event forwards
 * nothing, but a repeated order redeeming points is answered again with its first answer; an event
 * that cannot be applied is forwarded as a dead letter keyed as its source topic keys it
 * (merchantId/orderId; merchantId/customerId for a registration).
 */
final class LoyaltyLedgerProcessor
    implements Processor<String, LoyaltyEvent, String, Outcome<LedgerOutput>> {

  private final PointsLedger ledger;
  private final LoyaltyEventSerde events;
  private final LoyaltyMetrics metrics;
  private final long orderRetentionMs;
  private ProcessorContext<String, Outcome<LedgerOutput>> context;
  private KeyValueStore<String, CustomerLoyalty> balances;
  private WindowStore<String, OrderLoyalty> orders;

  LoyaltyLedgerProcessor(
      PointsLedger ledger,
      LoyaltyEventSerde events,
      LoyaltyMetrics metrics,
      Duration orderRetention) {
    this.ledger = ledger;
    this.events = events;
    this.metrics = metrics;
    this.orderRetentionMs = orderRetention.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Outcome<LedgerOutput>> context) {
    this.context = context;
    this.balances = context.getStateStore(LoyaltyTopology.BALANCE_STORE);
    this.orders = context.getStateStore(LoyaltyTopology.ORDER_STORE);
  }

  @Override
  public void process(Record<String, LoyaltyEvent> record) {
    LoyaltyEvent event = record.value();
    long eventTime = record.timestamp();
    String customerKey = event.customerKey().encoded();
    CustomerLoyalty customer = balances.get(customerKey);
    OrderLoyalty order =
        event instanceof LoyaltyEvent.Registered ? null : findOrder(orderKey(event), eventTime);
    PointsLedger.Result result;
    LoyaltyBalance published = null;
    PointsReservation answer = null;
    try {
      result = ledger.apply(customer, order, event, eventTime);
      // Built before anything is stored: a value the contract's schema refuses is a dead letter.
      if (result instanceof PointsLedger.Applied applied) {
        published = applied.customer().toEvent();
        answer = applied.answer() == null ? null : applied.answer().toEvent();
      } else if (result instanceof PointsLedger.Answered answered) {
        answer = answered.answer().toEvent();
      }
    } catch (ArithmeticException | IllegalArgumentException | AvroRuntimeException e) {
      context.forward(
          new Record<>(
              LoyaltyEventSerde.contractKey(event),
              new Outcome.DeadLetter<>(events.contractBytes(event), e),
              eventTime,
              record.headers()));
      return;
    }
    if (result instanceof PointsLedger.Duplicate) {
      metrics.duplicateIgnored(event.source());
    } else if (result instanceof PointsLedger.Closed closed) {
      storeOrder(event, closed.order());
    } else if (result instanceof PointsLedger.Answered answered) {
      if (answered.repeat()) {
        metrics.duplicateIgnored(event.source());
      } else {
        storeOrder(event, answered.order());
        metrics.reservationRefused(answered.answer().reason());
      }
      answer(answer, record);
    } else {
      PointsLedger.Applied applied = (PointsLedger.Applied) result;
      if (applied.order() != null) {
        storeOrder(event, applied.order());
      }
      balances.put(customerKey, applied.customer());
      report(applied);
      context.forward(
          new Record<>(
              customerKey,
              new Outcome.Ok<>(new LedgerOutput.Balance(published)),
              eventTime,
              record.headers()));
      if (answer != null) {
        answer(answer, record);
      }
    }
  }

  /** The order's key in the order store: {@code merchantId/orderId} of the event. */
  private static String orderKey(LoyaltyEvent event) {
    return OrderKey.of(event.merchantId(), event.orderId());
  }

  private void storeOrder(LoyaltyEvent event, OrderLoyalty order) {
    orders.put(orderKey(event), order, order.firstSeenAt());
  }

  /**
   * Publishes an answer keyed by its order, {@code merchantId/orderId}, co-partitioned with the
   * order on orders.
   */
  private void answer(PointsReservation reservation, Record<String, LoyaltyEvent> record) {
    context.forward(
        new Record<>(
            OrderKey.of(reservation.getMerchantId(), reservation.getOrderId()),
            new Outcome.Ok<>(new LedgerOutput.Answer(reservation)),
            record.timestamp(),
            record.headers()));
  }

  private OrderLoyalty findOrder(String orderKey, long eventTime) {
    // The entry sits at the order's first event time; a later refund or a late repeat of the
    // capture finds it anywhere within the retention, before or after its own time.
    long from = Math.max(0, eventTime - orderRetentionMs);
    long to =
        eventTime > Long.MAX_VALUE - orderRetentionMs
            ? Long.MAX_VALUE
            : eventTime + orderRetentionMs;
    try (WindowStoreIterator<OrderLoyalty> found = orders.backwardFetch(orderKey, from, to)) {
      return found.hasNext() ? found.next().value : null;
    }
  }

  private void report(PointsLedger.Applied applied) {
    PointsChange change = applied.customer().lastChange();
    long delta = change.pointsDelta();
    boolean earnOrTakeBack =
        change.source() == LoyaltySource.PAYMENT || change.source() == LoyaltySource.REFUND;
    if (!earnOrTakeBack) {
      // A reservation's or release's delta moves points between available and reserved.
      delta = 0;
    }
    if (delta > 0) {
      metrics.pointsEarned(delta);
    } else if (delta < 0) {
      metrics.pointsTakenBack(-delta);
    }
    if (applied.shortfall() > 0) {
      metrics.pointsShortfall(applied.shortfall());
    }
    if (applied.answer() != null) {
      metrics.pointsReserved(applied.answer().points());
    }
    if (applied.pointsSpent() > 0) {
      metrics.pointsSpent(applied.pointsSpent());
    }
    if (applied.pointsReleased() > 0) {
      metrics.pointsReleased(applied.pointsReleased());
    }
    if (applied.tierBefore() != applied.customer().tier()) {
      metrics.tierChanged(applied.tierBefore(), applied.customer().tier());
    }
    metrics.balancePublished(applied.customer().tier());
  }
}
