package io.payrail.risk.topology;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.risk.deadletter.DeadLetterStamper;
import io.payrail.risk.deadletter.Outcome;
import io.payrail.risk.features.CustomerProfile;
import io.payrail.risk.features.RecentOrder;
import io.payrail.risk.intake.FirstOrderIdWins;
import io.payrail.risk.intake.OrderIntake;
import io.payrail.risk.intake.PlacedAtTimestampExtractor;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.scoring.CustomerRiskScorer;
import io.payrail.risk.scoring.RiskMetrics;
import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
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

    Map<String, KStream<String, Outcome<OrderPlaced>>> intake =
        builder.stream(
                Topics.ORDERS.name(),
                Consumed.with(orderIds, OrderIntake.serde(orders))
                    .withTimestampExtractor(new PlacedAtTimestampExtractor())
                    .withName("orders"))
            .split(Named.as("intake-"))
            .branch((orderId, outcome) -> outcome.isDeadLetter(), Branched.as("dead-letter"))
            .defaultBranch(Branched.as("ok"));
    toDeadLetterTopic(intake.get("intake-dead-letter"), "intake");

    Map<String, KStream<String, Outcome<RiskAssessed>>> scored =
        intake
            .get("intake-ok")
            .mapValues(outcome -> ((Outcome.Ok<OrderPlaced>) outcome).value(), Named.as("order"))
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
                PROFILE_STORE)
            .split(Named.as("scored-"))
            .branch((orderId, outcome) -> outcome.isDeadLetter(), Branched.as("dead-letter"))
            .defaultBranch(Branched.as("ok"));
    toDeadLetterTopic(scored.get("scored-dead-letter"), "scoring");
    scored
        .get("scored-ok")
        .mapValues(outcome -> ((Outcome.Ok<RiskAssessed>) outcome).value(), Named.as("assessment"))
        .to(
            Topics.ORDER_RISK.name(),
            Produced.with(serdes.keySerde(Topics.ORDER_RISK), serdes.valueSerde(Topics.ORDER_RISK))
                .withName("order-risk"));

    return builder.build();
  }

  private static <T> void toDeadLetterTopic(KStream<String, Outcome<T>> deadLetters, String step) {
    deadLetters
        // A key holding what looks like a card number is not copied (nor logged): null instead.
        .selectKey(
            (key, outcome) -> CardNumbers.containsCardNumber(key) ? null : key,
            Named.as(step + "-drop-card-number-key"))
        .processValues(DeadLetterStamper<T>::new, Named.as(step + "-stamp-dead-letter"))
        .to(
            Topics.ORDERS.deadLetterTopic(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(step + "-orders-dlt"));
  }
}
