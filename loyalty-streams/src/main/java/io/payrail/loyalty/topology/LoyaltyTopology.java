package io.payrail.loyalty.topology;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.loyalty.points.LoyaltyProgramProperties;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.loyalty.rules.LoyaltyProgram;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsLedger;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.deadletter.DeadLetterRouting;
import io.payrail.streams.deadletter.Outcome;
import io.payrail.streams.deadletter.SourceStamp;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole data flow of loyalty-streams: a registration opens a zero balance, captured payments
 * earn points, completed refunds take them back, orders that redeem points reserve them (or are
 * refused), and the order's payment spends them (captured) or gives them back (any other final
 * status); one balance per customer out, and one answer per order redeeming points.
 *
 * <p>A customer is {@code merchantId/customerId} and an order {@code merchantId/orderId}: the
 * repartition, both stores and both outputs are keyed so, and the same customerId (orderId) at two
 * merchants is two balances (two orders). payments, refunds and orders come keyed {@code
 * merchantId/orderId}, customers {@code merchantId/customerId}; the events are re-keyed from their
 * values, so the source key decides nothing here.
 *
 * <pre>
 * payments ─ decode+check ─┬─ dead letter ───────────────────────────────────────▶ payments.DLT
 *                          └─ CAPTURED, other final ─┐
 * refunds ── decode+check ─┬─ dead letter ───────────┼────────────────────────────▶ refunds.DLT
 *                          └─ COMPLETED ─────────────┤
 * customers  decode+check ─┬─ dead letter ───────────┼────────────────────────────▶ customers.DLT
 *                          └─ registered ────────────┤
 * orders ─── decode+check ─┬─ unreadable: skipped (risk-streams dead-letters it)
 *                          └─ pointsToRedeem set ────┴─ key by merchantId/customerId ─ repartition
 *    ─ apply to balance (drop repeats, per-order share, reserve/spend/release) ─┬─ balance ─▶ loyalty-balances
 *                                                                               ├─ answer ──▶ points-reservations
 *                                                                               └─ dead letter ▶ source's DLT
 * </pre>
 */
public final class LoyaltyTopology {

  /**
   * {@code merchantId/customerId} → {@link CustomerLoyalty}: the one writer of a balance, published
   * on loyalty-balances. Named for its key: it replaced {@code loyalty-balances-by-customer}, keyed
   * by customerId alone, whose changelog this release does not read (docs/operations.md).
   */
  public static final String BALANCE_STORE = "loyalty-balances-by-merchant-customer";

  /**
   * {@code merchantId/orderId} → {@link OrderLoyalty}, windowed by the order's first event so it
   * expires; holds the answer to an order redeeming points and whether its payment has ended. It
   * replaced {@code loyalty-orders}, keyed by orderId alone.
   */
  public static final String ORDER_STORE = "loyalty-merchant-orders";

  /**
   * Name of the repartition step, so its internal topic keeps its name across code changes. It
   * changed from {@code loyalty-events-by-customer} when the key became {@code
   * merchantId/customerId}: the old topic's records are drained before the cut-over, not read.
   */
  public static final String BY_CUSTOMER = "loyalty-events-by-merchant-customer";

  private static final Duration ORDER_WINDOW_SIZE = Duration.ofMillis(1);

  private LoyaltyTopology() {}

  public static Topology topology(
      StreamsBuilder builder,
      LoyaltyProgramProperties program,
      TopicSerdes serdes,
      LoyaltyMetrics metrics) {
    Serde<PaymentProcessed> payments = serdes.valueSerde(Topics.PAYMENTS);
    Serde<RefundProcessed> refunds = serdes.valueSerde(Topics.REFUNDS);
    Serde<CustomerRegistered> customers = serdes.valueSerde(Topics.CUSTOMERS);
    Serde<OrderPlaced> orders = serdes.valueSerde(Topics.ORDERS);
    LoyaltyEventSerde events = new LoyaltyEventSerde(payments, refunds, customers, orders);
    PointsLedger ledger = new PointsLedger(new LoyaltyProgram(program.rules()));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(BALANCE_STORE),
            Serdes.String(),
            LoyaltyStoreSerdes.customers()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                ORDER_STORE, program.orderRetention(), ORDER_WINDOW_SIZE, false),
            Serdes.String(),
            LoyaltyStoreSerdes.orders()));

    KStream<String, LoyaltyEvent> captures =
        DeadLetterRouting.deadLettersOff(
                builder.stream(
                        Topics.PAYMENTS.name(),
                        Consumed.with(
                                serdes.keySerde(Topics.PAYMENTS), EventIntake.payments(payments))
                            .withTimestampExtractor(
                                new EventTimeExtractor<>(PaymentProcessed::getProcessedAt))
                            .withName("payments"))
                    .processValues(SourceStamp::new, Named.as("stamp-payment-source")),
                "payments-intake",
                metrics)
            // A capture earns (and spends its order's reserved points); any other final status
            // gives them back. HELD_FOR_REVIEW is not final: the order is still open.
            .filter(
                (orderKey, payment) ->
                    payment.getStatus() == PaymentStatus.CAPTURED
                        || LoyaltyEvent.PaymentEnded.endsWithoutCapture(payment.getStatus()),
                Named.as("final-only"))
            .mapValues(
                payment ->
                    payment.getStatus() == PaymentStatus.CAPTURED
                        ? new LoyaltyEvent.Captured(payment)
                        : new LoyaltyEvent.PaymentEnded(payment),
                Named.as("earn-or-end"));
    KStream<String, LoyaltyEvent> completedRefunds =
        DeadLetterRouting.deadLettersOff(
                builder.stream(
                        Topics.REFUNDS.name(),
                        Consumed.with(serdes.keySerde(Topics.REFUNDS), EventIntake.refunds(refunds))
                            .withTimestampExtractor(
                                new EventTimeExtractor<>(RefundProcessed::getProcessedAt))
                            .withName("refunds"))
                    .processValues(SourceStamp::new, Named.as("stamp-refund-source")),
                "refunds-intake",
                metrics)
            .filter(
                (orderKey, refund) -> refund.getStatus() == RefundStatus.COMPLETED,
                Named.as("completed-only"))
            .mapValues(LoyaltyEvent.Refunded::new, Named.as("take-back"));

    // A registration opens the balance; it goes through the same repartition as the customer's
    // payments and refunds, so the balance store stays their one writer and they stay in order.
    KStream<String, LoyaltyEvent> registrations =
        DeadLetterRouting.deadLettersOff(
                builder.stream(
                        Topics.CUSTOMERS.name(),
                        Consumed.with(
                                serdes.keySerde(Topics.CUSTOMERS), EventIntake.customers(customers))
                            .withTimestampExtractor(
                                new EventTimeExtractor<>(CustomerRegistered::getCreatedAt))
                            .withName("customers"))
                    .processValues(SourceStamp::new, Named.as("stamp-customer-source")),
                "customers-intake",
                metrics)
            .mapValues(LoyaltyEvent.Registered::new, Named.as("open"));

    // Orders matter only when they redeem points. risk-streams reads the same topic with the same
    // contract check and dead-letters what it cannot read to orders.DLT; a second copy from here
    // would be replayed twice, so loyalty skips such a record (counted) instead.
    KStream<String, LoyaltyEvent> redemptions =
        builder.stream(
                Topics.ORDERS.name(),
                Consumed.with(serdes.keySerde(Topics.ORDERS), EventIntake.orders(orders))
                    .withTimestampExtractor(new EventTimeExtractor<>(OrderPlaced::getPlacedAt))
                    .withName("orders"))
            .processValues(SourceStamp::new, Named.as("stamp-order-source"))
            .filter(
                (orderKey, outcome) -> {
                  if (outcome instanceof Outcome.Ok<OrderPlaced> ok) {
                    return ok.value().getPointsToRedeem() != null;
                  }
                  metrics.orderSkipped();
                  return false;
                },
                Named.as("redeeming-only"))
            .mapValues(
                outcome ->
                    new LoyaltyEvent.RedemptionRequested(
                        ((Outcome.Ok<OrderPlaced>) outcome).value()),
                Named.as("reserve"));

    // One repartition for all of a customer's events: the ledger step decides them one after the
    // other, so concurrent orders of a customer never reserve the same points twice.
    KStream<String, Outcome<LedgerOutput>> applied =
        captures
            .merge(completedRefunds, Named.as("payments-and-refunds"))
            .merge(registrations, Named.as("and-registrations"))
            .merge(redemptions, Named.as("and-redemptions"))
            .selectKey(
                (sourceKey, event) -> event.customerKey().encoded(), Named.as("key-by-customer"))
            .repartition(
                Repartitioned.<String, LoyaltyEvent>as(BY_CUSTOMER)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(events))
            .process(
                () -> new LoyaltyLedgerProcessor(ledger, events, metrics, program.orderRetention()),
                Named.as("apply-to-balance"),
                BALANCE_STORE,
                ORDER_STORE);
    Map<String, KStream<String, LedgerOutput>> outputs =
        DeadLetterRouting.deadLettersOff(applied, "ledger", metrics)
            .processValues(SourceStamp::removed, Named.as("unstamp-output"))
            .split(Named.as("output-"))
            .branch((key, output) -> output instanceof LedgerOutput.Balance, Branched.as("balance"))
            .defaultBranch(Branched.as("answer"));
    outputs
        .get("output-balance")
        .mapValues(output -> ((LedgerOutput.Balance) output).balance(), Named.as("balance-value"))
        .to(
            Topics.LOYALTY_BALANCES.name(),
            Produced.with(
                    serdes.keySerde(Topics.LOYALTY_BALANCES),
                    serdes.valueSerde(Topics.LOYALTY_BALANCES))
                .withName("loyalty-balances"));
    outputs
        .get("output-answer")
        .mapValues(output -> ((LedgerOutput.Answer) output).reservation(), Named.as("answer-value"))
        .to(
            Topics.POINTS_RESERVATIONS.name(),
            Produced.with(
                    serdes.keySerde(Topics.POINTS_RESERVATIONS),
                    serdes.valueSerde(Topics.POINTS_RESERVATIONS))
                .withName("points-reservations"));

    return builder.build();
  }
}
