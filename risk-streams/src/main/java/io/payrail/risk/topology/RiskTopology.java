package io.payrail.risk.topology;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.risk.features.CustomerProfile;
import io.payrail.risk.features.RecentOrder;
import io.payrail.risk.intake.FirstOrderIdWins;
import io.payrail.risk.intake.OrderIntake;
import io.payrail.risk.intake.PlacedAtTimestampExtractor;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.scoring.CustomerRiskScorer;
import io.payrail.risk.scoring.RiskMetrics;
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
 * The whole data flow of risk-streams: orders in, one explainable assessment per order out.
 *
 * <pre>
 * orders ─ decode+check ─┬─ dead letter ───────────────────────────────────────▶ orders.DLT
 *                        └─ drop repeated orderIds ─ key by customer ─ repartition
 *                              ─ score (features as of placedAt, rules) ─┬─ ok ─▶ order-risk
 *                                                                       └─ dead letter ▶ orders.DLT
 * </pre>
 */
public final class RiskTopology {

  public static final String DEDUP_STORE = "risk-order-ids-seen";
  public static final String ORDER_LOG_STORE = "risk-customer-orders";
  public static final String PROFILE_STORE = "risk-customer-profiles";

  /** Name of the repartition step, so its internal topic keeps its name across code changes. */
  public static final String BY_CUSTOMER = "orders-by-customer";

  private RiskTopology() {}

  public static Topology topology(
      StreamsBuilder builder,
      RiskTopologySettings settings,
      RiskRules rules,
      TopicSerdes serdes,
      RiskMetrics metrics) {
    Serde<String> orderIds = serdes.keySerde(Topics.ORDERS);
    Serde<OrderPlaced> orders = serdes.valueSerde(Topics.ORDERS);
    Duration orderLogRetention = rules.featureWindows().lookback().plus(settings.lateOrderGrace());

    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                DEDUP_STORE, settings.dedupRetention(), settings.dedupRetention(), false),
            orderIds,
            Serdes.Long()));
    // retainDuplicates: the log holds every order of a customer, several may share a millisecond.
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                ORDER_LOG_STORE, orderLogRetention, Duration.ofMillis(1), true),
            Serdes.String(),
            RecentOrder.serde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PROFILE_STORE),
            Serdes.String(),
            CustomerProfile.serde()));

    // The source is stamped into the headers, which cross the repartition topic: a dead letter of
    // the scoring step then names orders, where a replay can publish it, not the internal topic.
    KStream<String, OrderPlaced> accepted =
        DeadLetterRouting.deadLettersOff(
            builder.stream(
                    Topics.ORDERS.name(),
                    Consumed.with(orderIds, OrderIntake.serde(orders))
                        .withTimestampExtractor(new PlacedAtTimestampExtractor())
                        .withName("orders"))
                .processValues(SourceStamp::new, Named.as("stamp-order-source")),
            "intake",
            metrics);

    KStream<String, Outcome<RiskAssessed>> scored =
        accepted
            .processValues(
                () -> new FirstOrderIdWins(DEDUP_STORE, settings.dedupRetention(), metrics),
                Named.as("drop-repeated-order-ids"),
                DEDUP_STORE)
            .selectKey((orderId, order) -> order.getCustomerId(), Named.as("key-by-customer"))
            .repartition(
                Repartitioned.<String, OrderPlaced>as(BY_CUSTOMER)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(orders))
            .process(
                () ->
                    new CustomerRiskScorer(
                        rules,
                        ORDER_LOG_STORE,
                        PROFILE_STORE,
                        orders.serializer(),
                        Topics.ORDERS.name(),
                        metrics),
                Named.as("score-order"),
                ORDER_LOG_STORE,
                PROFILE_STORE);
    DeadLetterRouting.deadLettersOff(scored, "scoring", metrics)
        .processValues(SourceStamp::removed, Named.as("unstamp-assessment"))
        .to(
            Topics.ORDER_RISK.name(),
            Produced.with(serdes.keySerde(Topics.ORDER_RISK), serdes.valueSerde(Topics.ORDER_RISK))
                .withName("order-risk"));

    return builder.build();
  }
}
