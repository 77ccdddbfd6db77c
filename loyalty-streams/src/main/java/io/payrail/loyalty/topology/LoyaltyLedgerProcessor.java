package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltyBalance;
import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsLedger;
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
 * Applies each payment or refund of a customer to its balance, and opens the balance of a
 * registered customer: loads the balance and the order's record, lets the {@link PointsLedger}
 * decide, stores both and forwards the new balance keyed by customerId. A repeated event forwards
 * nothing; an event that cannot be applied is forwarded as a dead letter keyed as its source topic
 * had it (orderId; merchantId/customerId for a registration).
 */
final class LoyaltyLedgerProcessor
    implements Processor<String, LoyaltyEvent, String, Outcome<LoyaltyBalance>> {

  private final PointsLedger ledger;
  private final LoyaltyEventSerde events;
  private final LoyaltyMetrics metrics;
  private final long orderRetentionMs;
  private ProcessorContext<String, Outcome<LoyaltyBalance>> context;
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
  public void init(ProcessorContext<String, Outcome<LoyaltyBalance>> context) {
    this.context = context;
    this.balances = context.getStateStore(LoyaltyTopology.BALANCE_STORE);
    this.orders = context.getStateStore(LoyaltyTopology.ORDER_STORE);
  }

  @Override
  public void process(Record<String, LoyaltyEvent> record) {
    LoyaltyEvent event = record.value();
    long eventTime = record.timestamp();
    CustomerLoyalty customer = balances.get(event.customerId());
    OrderLoyalty order =
        event instanceof LoyaltyEvent.Registered ? null : findOrder(event.orderId(), eventTime);
    PointsLedger.Applied applied;
    LoyaltyBalance published;
    try {
      PointsLedger.Result result = ledger.apply(customer, order, event, eventTime);
      if (!(result instanceof PointsLedger.Applied ok)) {
        metrics.duplicateIgnored(event.source());
        return;
      }
      applied = ok;
      published = applied.customer().toEvent();
    } catch (ArithmeticException | IllegalArgumentException | AvroRuntimeException e) {
      context.forward(
          new Record<>(
              LoyaltyEventSerde.contractKey(event),
              new Outcome.DeadLetter<>(events.contractBytes(event), e),
              eventTime,
              record.headers()));
      return;
    }
    if (applied.order() != null) {
      orders.put(event.orderId(), applied.order(), applied.order().firstSeenAt());
    }
    balances.put(event.customerId(), applied.customer());
    report(applied);
    context.forward(
        new Record<>(event.customerId(), new Outcome.Ok<>(published), eventTime, record.headers()));
  }

  private OrderLoyalty findOrder(String orderId, long eventTime) {
    // The entry sits at the order's first event time; a later refund or a late repeat of the
    // capture finds it anywhere within the retention, before or after its own time.
    long from = Math.max(0, eventTime - orderRetentionMs);
    long to =
        eventTime > Long.MAX_VALUE - orderRetentionMs
            ? Long.MAX_VALUE
            : eventTime + orderRetentionMs;
    try (WindowStoreIterator<OrderLoyalty> found = orders.backwardFetch(orderId, from, to)) {
      return found.hasNext() ? found.next().value : null;
    }
  }

  private void report(PointsLedger.Applied applied) {
    long delta = applied.customer().lastChange().pointsDelta();
    if (delta > 0) {
      metrics.pointsEarned(delta);
    } else if (delta < 0) {
      metrics.pointsTakenBack(-delta);
    }
    if (applied.shortfall() > 0) {
      metrics.pointsShortfall(applied.shortfall());
    }
    if (applied.tierBefore() != applied.customer().tier()) {
      metrics.tierChanged(applied.tierBefore(), applied.customer().tier());
    }
    metrics.balancePublished(applied.customer().tier());
  }
}
