package io.payrail.ingest.auth;

import io.payrail.events.MerchantApiKey;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.status.GlobalStoreReader;
import io.payrail.schemas.topics.Topics;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The keys {@code ./payrail keys} issued, as every facade instance sees them: the {@code
 * merchant-keys} topic in a global store of the status view's application. A key created or revoked
 * reaches every instance as soon as its global thread reads the record, typically well under a
 * second after {@code keys} returns.
 */
public final class IssuedKeys {

  /** keyId → the latest {@link MerchantApiKey} of the key, in its topic's wire format. */
  public static final String STORE = "merchant-keys";

  private final GlobalStoreReader store;
  private final Deserializer<MerchantApiKey> records;

  public IssuedKeys(Supplier<KafkaStreams> streams, Deserializer<MerchantApiKey> records) {
    this.store = new GlobalStoreReader(streams, STORE, "API keys");
    this.records = records;
  }

  /**
   * Adds the global store to the status view's topology. Values stay bytes, decoded when a key is
   * looked up, so the global thread never needs the schema registry.
   */
  public static void table(StreamsBuilder builder) {
    builder.globalTable(
        Topics.MERCHANT_KEYS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("merchant-keys"),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.ByteArray()));
  }

  /**
   * The key's latest record. A store this instance cannot read yet is a 503, never a 401: a valid
   * key must not look revoked while the facade starts.
   */
  Optional<MerchantApiKey> byId(String keyId) {
    Optional<byte[]> bytes = store.get(keyId);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(records.deserialize(Topics.MERCHANT_KEYS.name(), bytes.get()));
    } catch (RuntimeException unreadable) {
      // The registry away: the client retries rather than being told its key is unknown.
      throw ProblemException.unavailable("The API key cannot be checked right now");
    }
  }
}
