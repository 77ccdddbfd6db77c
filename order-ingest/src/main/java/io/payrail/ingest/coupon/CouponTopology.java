package io.payrail.ingest.coupon;

import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The facade's view of coupons, added to the status view's application as a global store: every
 * instance holds every merchant's coupons, so an order is priced without a hop to another instance,
 * whatever partition its coupon's key falls in.
 *
 * <pre>
 * coupons ─ global store (raw bytes, first record of a key wins) ─▶ coupons ─ note offset
 * </pre>
 *
 * <p>Values are kept in the topic's wire format and decoded when read ({@link CouponView}), as the
 * loyalty balances are ({@code CustomerTopology}): the global thread never needs the schema
 * registry, so a registry outage cannot stop the whole status view (a global thread that fails
 * takes the Kafka Streams client down with it). A store built with {@code addGlobalStore} is
 * restored through its processor, so first-wins also holds after a restore.
 *
 * <p>In memory, not on disk: a persistent global store starts from its checkpoint, and the records
 * before it would never pass the processor, so read-your-writes ({@link ProcessedOffsets}) could
 * not tell that the store has them. In memory, every start reads the whole (compacted, small) topic
 * through the processor, and every offset is noted.
 */
public final class CouponTopology {

  /** merchantId/code → the first {@code CouponDefined} of the key, in its topic's wire format. */
  public static final String STORE = "coupons";

  private CouponTopology() {}

  public static void coupons(StreamsBuilder builder, ProcessedOffsets processed) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        Topics.COUPONS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("coupons"),
        () -> new FirstWins(processed));
  }

  /**
   * Keeps the first record of each key; notes every offset (also of a record it drops), since
   * read-your-writes waits until every offset of the partition up to its end was processed.
   */
  static final class FirstWins implements Processor<String, byte[], Void, Void> {

    private final ProcessedOffsets processed;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    FirstWins(ProcessedOffsets processed) {
      this.processed = processed;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      // A tombstone or a keyless record is no coupon: coupons are never deleted.
      if (record.key() != null && record.value() != null && store.get(record.key()) == null) {
        store.put(record.key(), record.value());
      }
      context
          .recordMetadata()
          .ifPresent(meta -> processed.record(meta.topic(), meta.partition(), meta.offset()));
    }
  }
}
