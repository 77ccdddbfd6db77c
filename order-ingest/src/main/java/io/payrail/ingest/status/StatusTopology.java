package io.payrail.ingest.status;

import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The order status view: every event of an order, folded into one queryable row per order, keyed
 * {@link OrderKey} ({@code merchantId/orderId}): two merchants' order "1001" are two rows.
 */
public final class StatusTopology {

  /** The queryable store of {@link OrderStatus} by {@link OrderKey#encoded()}. */
  public static final String STORE = "order-status";

  /** The open-reviews index, kept by {@link OpenReviewIndex} next to {@link #STORE}. */
  public static final String OPEN_REVIEWS_STORE = OpenReviewIndex.STORE;

  private StatusTopology() {}

  /**
   * orders + order-risk + payments + refunds + review-decisions, merged and aggregated by their
   * {@link OrderKey} key, and the open-reviews index kept from every update. The five topics are
   * co-partitioned and the key never changes, so there is no repartition: each instance holds the
   * statuses of the partitions it consumes. Caching is off so that every event reaches the store,
   * interactive queries and waiting long-polls at once: this is a latency view.
   *
   * <p>A record whose key is not the OrderKey of its value (a bare orderId, as keys were before
   * they were merchant-scoped, or another merchant's) is dropped with the unreadable ones: stored
   * under its key, it would be a row no lookup finds, or would add one merchant's event to another
   * merchant's order. The topics' owners dead-letter such records.
   */
  public static Topology topology(
      StreamsBuilder builder,
      TopicSerdes serdes,
      StatusListener listener,
      ProcessedOffsets processed,
      Consumer<String> unreadable) {
    Map<String, KStream<String, Outcome<SpecificRecord>>> events =
        stream(builder, serdes, Topics.ORDERS)
            .merge(stream(builder, serdes, Topics.ORDER_RISK))
            .merge(stream(builder, serdes, Topics.PAYMENTS))
            .merge(stream(builder, serdes, Topics.REFUNDS))
            .merge(stream(builder, serdes, Topics.REVIEW_DECISIONS))
            .split(Named.as("event-"))
            .branch(StatusTopology::keyedByItsOrder, Branched.as("readable"))
            .defaultBranch(Branched.as("unreadable"));
    // The view has no dead-letter topic (the topics' owners dead-letter what they cannot read), so
    // it drops such a record; but it notes the record's offset as processed, since read-your-writes
    // waits until every offset of the partition up to its end has been.
    events
        .get("event-unreadable")
        .processValues(
            () -> new UnreadableRecords(processed, unreadable), Named.as("drop-unreadable"));
    KStream<String, OrderStatus> updates =
        events
            .get("event-readable")
            .mapValues(
                event -> ((Outcome.Ok<SpecificRecord>) event).value(), Named.as("event-value"))
            .groupByKey()
            .aggregate(
                OrderStatus::empty,
                new OrderStatusAggregator(),
                Materialized.<String, OrderStatus, KeyValueStore<Bytes, byte[]>>as(STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new OrderStatusSerde())
                    .withCachingDisabled())
            .toStream();
    // Children run in the order they were added: the index is written, then the offset is noted
    // (so read-your-writes covers the index too), then long-polls wake up.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OPEN_REVIEWS_STORE),
                Serdes.String(),
                OpenReviewIndex.serde())
            .withCachingDisabled());
    updates.processValues(OpenReviewIndex::new, Named.as("open-reviews-index"), OPEN_REVIEWS_STORE);
    updates.processValues(processed.<String, OrderStatus>recorder());
    updates.foreach(listener::updated);
    return builder.build();
  }

  /** Whether the record is readable and its key is the OrderKey its value names. */
  static boolean keyedByItsOrder(String key, Outcome<SpecificRecord> event) {
    if (key == null || !(event instanceof Outcome.Ok<SpecificRecord> ok)) {
      return false;
    }
    OrderKey named = OrderStatusAggregator.orderKeyOf(ok.value());
    return named != null && named.encoded().equals(key);
  }

  /**
   * A topic's records, decoded ({@link Intake}: corrupt bytes, an unknown schema id or a tombstone
   * are values, not exceptions; the schema registry being away fails the stream thread, which reads
   * the record again after a back-off).
   */
  private static <V extends SpecificRecord> KStream<String, Outcome<SpecificRecord>> stream(
      StreamsBuilder builder, TopicSerdes serdes, Topic<String, V> topic) {
    Serde<Outcome<V>> values =
        Intake.serde(serdes.valueSerde(topic), (value, original) -> new Outcome.Ok<>(value));
    return builder.stream(topic.name(), Consumed.with(serdes.keySerde(topic), values))
        .mapValues(StatusTopology::widen);
  }

  private static <V extends SpecificRecord> Outcome<SpecificRecord> widen(Outcome<V> outcome) {
    if (outcome instanceof Outcome.Ok<V> ok) {
      return new Outcome.Ok<>(ok.value());
    }
    Outcome.DeadLetter<V> unreadable = (Outcome.DeadLetter<V>) outcome;
    return new Outcome.DeadLetter<>(unreadable.originalValue(), unreadable.cause());
  }
}
