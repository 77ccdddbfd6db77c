package io.payrail.risk.topology;

import io.payrail.events.CustomerVerification;
import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.risk.features.CustomerProfile;
import io.payrail.risk.features.RecentOrder;
import io.payrail.risk.features.Verification;
import io.payrail.risk.intake.FirstOrderIdWins;
import io.payrail.risk.intake.OrderIntake;
import io.payrail.risk.intake.PlacedAtTimestampExtractor;
import io.payrail.risk.intake.VerificationIntake;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.scoring.CustomerRiskScorer;
import io.payrail.risk.scoring.OrderToScore;
import io.payrail.risk.scoring.RiskMetrics;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.deadletter.DeadLetterRouting;
import io.payrail.streams.deadletter.Outcome;
import io.payrail.streams.deadletter.SourceStamp;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole data flow of risk-streams: orders in, one explainable assessment per order out.
 *
 * <pre>
 * customer-verifications ─ decode+check ─┬─ dead letter ──────────▶ customer-verifications.DLT
 *                                        └─ table by merchantId/customerId ──────────┐
 * orders ─ decode+check ─┬─ dead letter ──────────────────────────────────────────── │ ▶ orders.DLT
 *                        └─ drop repeated orders ─ key by merchantId/customerId      │
 *                              ─ repartition ─ left join verification ◀──────────────┘
 *                              ─ score (features as of placedAt, rules) ─┬─ ok ─▶ order-risk
 *                                                                       └─ dead letter ▶ orders.DLT
 * </pre>
 *
 * <p>orders and order-risk are keyed {@code merchantId/orderId} ({@code OrderKey}); an order is
 * that pair everywhere here, so two merchants' order "1001" are two orders.
 */
public final class RiskTopology {

  /**
   * {@code merchantId/orderId} → placedAt, windowed. The name stayed when the key gained the
   * merchant (same serdes, so no topology change): the bare orderIds the release before wrote match
   * no key any more and expire with the retention. A repeat, within it, of an order first seen
   * before the cut-over is therefore scored once more; payment-processor's ledger still recognises
   * the order and does not charge it twice.
   */
  public static final String DEDUP_STORE = "risk-order-ids-seen";

  // Keyed merchantId/customerId; the names changed with the key (docs/operations.md, "Migrating an
  // existing deployment"): the stores of the customerId-keyed release are not read.
  public static final String ORDER_LOG_STORE = "risk-merchant-customer-orders";
  public static final String PROFILE_STORE = "risk-merchant-customer-profiles";
  public static final String VERIFICATION_STORE = "risk-customer-verifications";

  /**
   * Name of the repartition step, so its internal topic keeps its name across code changes. It
   * changed from {@code orders-by-customer} when the key became {@code merchantId/customerId}, the
   * key of {@code customer-verifications}, which the join needs co-partitioned.
   */
  public static final String BY_CUSTOMER = "orders-by-merchant-customer";

  private RiskTopology() {}

  public static Topology topology(
      StreamsBuilder builder,
      RiskTopologySettings settings,
      RiskRules rules,
      TopicSerdes serdes,
      RiskMetrics metrics) {
    Serde<String> orderKeys = serdes.keySerde(Topics.ORDERS);
    Serde<OrderPlaced> orders = serdes.valueSerde(Topics.ORDERS);
    Duration orderLogRetention = rules.featureWindows().lookback().plus(settings.lateOrderGrace());

    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                DEDUP_STORE, settings.dedupRetention(), settings.dedupRetention(), false),
            orderKeys,
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
                    Consumed.with(orderKeys, OrderIntake.serde(orders))
                        .withTimestampExtractor(new PlacedAtTimestampExtractor())
                        .withName("orders"))
                .processValues(SourceStamp::new, Named.as("stamp-order-source")),
            "intake",
            metrics);

    Serde<CustomerVerification> verificationValues =
        serdes.valueSerde(Topics.CUSTOMER_VERIFICATIONS);
    KTable<String, Verification> verifications =
        DeadLetterRouting.deadLettersOff(
                builder.stream(
                        Topics.CUSTOMER_VERIFICATIONS.name(),
                        Consumed.with(
                                serdes.keySerde(Topics.CUSTOMER_VERIFICATIONS),
                                VerificationIntake.serde(verificationValues))
                            .withName("customer-verifications"))
                    .mapValues(
                        (key, outcome) ->
                            VerificationIntake.keyed(
                                key,
                                outcome,
                                verificationValues.serializer(),
                                Topics.CUSTOMER_VERIFICATIONS.name()),
                        Named.as("check-verification-key")),
                "verification-intake",
                metrics)
            .mapValues(Verification::of, Named.as("verification-for-rules"))
            .toTable(
                Named.as("verifications-by-customer"),
                Materialized.<String, Verification, KeyValueStore<Bytes, byte[]>>as(
                        VERIFICATION_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Verification.serde()));

    KStream<String, Outcome<RiskAssessed>> scored =
        accepted
            .processValues(
                () -> new FirstOrderIdWins(DEDUP_STORE, settings.dedupRetention(), metrics),
                Named.as("drop-repeated-order-ids"),
                DEDUP_STORE)
            .selectKey(
                (orderKey, order) -> CustomerKey.of(order.getMerchantId(), order.getCustomerId()),
                Named.as("key-by-customer"))
            .repartition(
                Repartitioned.<String, OrderPlaced>as(BY_CUSTOMER)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(orders))
            // The verification as the table holds it when the order is scored; a customer
            // verified later does not change an assessment already made.
            .leftJoin(
                verifications,
                OrderToScore::join,
                Joined.<String, OrderPlaced, Verification>as("join-verification")
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
