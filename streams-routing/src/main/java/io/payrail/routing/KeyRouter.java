package io.payrail.routing;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that owns a key of a store, from the Streams metadata every instance gets
 * through the group protocol (each advertises itself with {@code application.server}): partitions
 * instead of a service registry.
 *
 * @param <K> the store's key type
 */
public final class KeyRouter<K> {

  private final Supplier<KafkaStreams> streams;
  private final String storeName;
  private final Serializer<K> keySerializer;
  private final HostInfo self;

  /**
   * @param streams the application that materializes the store; null until it has started (Spring
   *     Kafka's {@code StreamsBuilderFactoryBean#getKafkaStreams})
   * @param storeName the queryable store
   * @param keySerializer the serializer the store's source topics are partitioned with
   * @param self this instance's {@code application.server}
   */
  public KeyRouter(
      Supplier<KafkaStreams> streams,
      String storeName,
      Serializer<K> keySerializer,
      HostInfo self) {
    this.streams = streams;
    this.storeName = storeName;
    this.keySerializer = keySerializer;
    this.self = self;
  }

  public KeyOwner ownerOf(K key) {
    KafkaStreams running = streams.get();
    if (running == null) {
      return new KeyOwner.Unavailable("streams have not started");
    }
    if (running.state() != KafkaStreams.State.RUNNING) {
      return new KeyOwner.Unavailable("streams are " + running.state());
    }
    KeyQueryMetadata metadata;
    try {
      metadata = running.queryMetadataForKey(storeName, key, keySerializer);
    } catch (StreamsNotStartedException | IllegalStateException e) {
      return new KeyOwner.Unavailable("streams metadata not available");
    }
    if (metadata == null
        || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || metadata.activeHost() == null
        || metadata.activeHost().port() < 0) {
      return new KeyOwner.Unavailable("no active owner for the key's partition");
    }
    return self.equals(metadata.activeHost())
        ? new KeyOwner.Local(metadata.partition())
        : new KeyOwner.Remote(metadata.activeHost(), metadata.partition());
  }

  public HostInfo self() {
    return self;
  }
}
