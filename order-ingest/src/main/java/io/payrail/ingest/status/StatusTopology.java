package io.payrail.ingest.status;

import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** The order status view: every event of an order, folded into one queryable row per orderId. */
public final class StatusTopology {

  /** The queryable store of {@link OrderStatus} by orderId. */
  public static final String STORE = "order-status";

  private StatusTopology() {}

  /**
   * orders + order-risk + payments + refunds, merged and aggregated by their orderId key. The four
   * topics are co-partitioned and the key never changes, so there is no repartition: each instance
   * holds the statuses of the partitions it consumes. Caching is off so that every event reaches
   * the store, interactive queries and waiting long-polls at once: this is a latency view.
   */
  public static Topology topology(
      StreamsBuilder builder,
      TopicSerdes serdes,
      StatusListener listener,
      ProcessedOffsets processed) {
    KStream<String, SpecificRecord> events =
        stream(builder, serdes, Topics.ORDERS)
            .merge(stream(builder, serdes, Topics.ORDER_RISK))
            .merge(stream(builder, serdes, Topics.PAYMENTS))
            .merge(stream(builder, serdes, Topics.REFUNDS));
    KStream<String, OrderStatus> updates =
        events
            .groupByKey()
            .aggregate(
                OrderStatus::empty,
                new OrderStatusAggregator(),
                Materialized.<String, OrderStatus, KeyValueStore<Bytes, byte[]>>as(STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new OrderStatusSerde())
                    .withCachingDisabled())
            .toStream();
    // Children run in the order they were added: the offset is noted before long-polls wake up.
    updates.processValues(processed.<String, OrderStatus>recorder());
    updates.foreach(listener::updated);
    return builder.build();
  }

  private static <V extends SpecificRecord> KStream<String, SpecificRecord> stream(
      StreamsBuilder builder, TopicSerdes serdes, Topic<String, V> topic) {
    Serde<V> values = serdes.valueSerde(topic);
    return builder.stream(topic.name(), Consumed.with(serdes.keySerde(topic), values))
        .mapValues(value -> (SpecificRecord) value);
  }
}
