package io.payrail.loyalty.topology;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltyBalance;
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
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole data flow of loyalty-streams: a registration opens a zero balance, captured payments
 * earn points, completed refunds take them back, one balance per customer out.
 *
 * <pre>
 * payments ─ decode+check ─┬─ dead letter ─────────────────────────────────────▶ payments.DLT
 *                          └─ CAPTURED ─────┐
 * refunds ── decode+check ─┬─ dead letter ──┼──────────────────────────────────▶ refunds.DLT
 *                          └─ COMPLETED ────┤
 * customers  decode+check ─┬─ dead letter ──┼──────────────────────────────────▶ customers.DLT
 *                          └─ registered ───┴─ key by customer ─ repartition
 *          ─ apply to balance (drop repeats, per-order share) ─┬─ balance ─────▶ loyalty-balances
 *                                                              └─ dead letter ─▶ source's DLT
 * </pre>
 */
public final class LoyaltyTopology {

  /** customerId → {@link CustomerLoyalty}; the store the query endpoint reads. */
  public static final String BALANCE_STORE = "loyalty-balances-by-customer";

  /** orderId → {@link OrderLoyalty}, windowed by the order's first event so it expires. */
  public static final String ORDER_STORE = "loyalty-orders";

  /** Name of the repartition step, so its internal topic keeps its name across code changes. */
  public static final String BY_CUSTOMER = "loyalty-events-by-customer";

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
    LoyaltyEventSerde events = new LoyaltyEventSerde(payments, refunds, customers);
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
            .filter(
                (orderId, payment) -> payment.getStatus() == PaymentStatus.CAPTURED,
                Named.as("captured-only"))
            .mapValues(LoyaltyEvent.Captured::new, Named.as("earn"));
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
                (orderId, refund) -> refund.getStatus() == RefundStatus.COMPLETED,
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

    KStream<String, Outcome<LoyaltyBalance>> applied =
        captures
            .merge(completedRefunds, Named.as("payments-and-refunds"))
            .merge(registrations, Named.as("and-registrations"))
            .selectKey((orderId, event) -> event.customerId(), Named.as("key-by-customer"))
            .repartition(
                Repartitioned.<String, LoyaltyEvent>as(BY_CUSTOMER)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(events))
            .process(
                () -> new LoyaltyLedgerProcessor(ledger, events, metrics, program.orderRetention()),
                Named.as("apply-to-balance"),
                BALANCE_STORE,
                ORDER_STORE);
    DeadLetterRouting.deadLettersOff(applied, "ledger", metrics)
        .processValues(SourceStamp::removed, Named.as("unstamp-balance"))
        .to(
            Topics.LOYALTY_BALANCES.name(),
            Produced.with(
                    serdes.keySerde(Topics.LOYALTY_BALANCES),
                    serdes.valueSerde(Topics.LOYALTY_BALANCES))
                .withName("loyalty-balances"));

    return builder.build();
  }
}
