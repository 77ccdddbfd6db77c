package io.payrail.ingest.status;

import io.payrail.ingest.problem.ProblemException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one of the global stores the status view's application keeps as raw bytes (coupons, loyalty
 * balances, issued API keys). Every instance holds the whole store, so a read never routes; a store
 * this instance cannot query yet (the application starting or restoring) is a 503, never an answer
 * that the key does not exist.
 */
public final class GlobalStoreReader {

  private final Supplier<KafkaStreams> streams;
  private final String storeName;
  private final String contents;

  /**
   * @param contents what the store holds, plural, for the 503's detail ("coupons")
   */
  public GlobalStoreReader(Supplier<KafkaStreams> streams, String storeName, String contents) {
    this.streams = streams;
    this.storeName = storeName;
    this.contents = contents;
  }

  /** The key's value as its topic holds it; empty when the topic has none. */
  public Optional<byte[]> get(String key) {
    KafkaStreams running = streams.get();
    if (running == null) {
      throw ProblemException.unavailable("The " + contents + " are not loaded here yet");
    }
    try {
      ReadOnlyKeyValueStore<String, byte[]> store =
          running.store(
              StoreQueryParameters.fromNameAndType(
                  storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      return Optional.ofNullable(store.get(key));
    } catch (StreamsException | IllegalStateException e) {
      throw ProblemException.unavailable("The " + contents + " are not loaded here yet");
    }
  }
}
