package io.payrail.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that owns a key of a store, from the Streams metadata every instance gets
 * through the group protocol (each advertises itself with {@code application.server}): partitions
 * instead of a service registry.
 *
 * <p>The owner of each partition changes only with an assignment, so the router keeps a map of
 * partition to active host, built from the metadata of one assignment, and answers from it while
 * Kafka Streams reports the same metadata. Asking Kafka Streams for every key ({@code
 * queryMetadataForKey}, synchronized, rebuilding the store's source topics and host sets each time)
 * was 5 % of a POST's request thread in the bench. A map is only used when it gives the key that
 * built it the answer Kafka Streams gave; otherwise every key is asked of Kafka Streams until the
 * metadata changes.
 *
 * @param <K> the store's key type
 */
public final class KeyRouter<K> {

  private final Supplier<KafkaStreams> streams;
  private final String storeName;
  private final String sourceTopic;
  private final Serializer<K> keySerializer;
  private final HostInfo self;
  private volatile Owners owners;

  /**
   * @param streams the application that materializes the store; null until it has started (Spring
   *     Kafka's {@code StreamsBuilderFactoryBean#getKafkaStreams})
   * @param storeName the queryable store
   * @param sourceTopic a source topic of the store: its partitions are the store's
   * @param keySerializer the serializer the store's source topics are partitioned with
   * @param self this instance's {@code application.server}
   */
  public KeyRouter(
      Supplier<KafkaStreams> streams,
      String storeName,
      String sourceTopic,
      Serializer<K> keySerializer,
      HostInfo self) {
    this.streams = streams;
    this.storeName = storeName;
    this.sourceTopic = sourceTopic;
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
    Collection<StreamsMetadata> metadata;
    try {
      metadata = running.metadataForAllStreamsClients();
    } catch (StreamsNotStartedException | IllegalStateException e) {
      return new KeyOwner.Unavailable("streams metadata not available");
    }
    Owners cached = owners;
    Owners known = cached == null ? null : cached.current(running, metadata);
    if (known != null) {
      if (known != cached) {
        owners = known;
      }
      return known.routable() ? known.ownerOf(partitionOf(key, known), self) : ask(running, key);
    }
    KeyOwner answer = ask(running, key);
    Owners built = Owners.of(running, metadata, sourceTopic);
    // Kept either way, so that metadata the map cannot serve is not rebuilt for every key.
    owners =
        built.routable() && built.ownerOf(partitionOf(key, built), self).equals(answer)
            ? built
            : built.unroutable();
    return answer;
  }

  public HostInfo self() {
    return self;
  }

  /**
   * The partition the producers' default partitioner, and Kafka Streams', give a serialized key:
   * murmur2 of its bytes.
   */
  public static int partition(byte[] serializedKey, int partitions) {
    return Utils.toPositive(Utils.murmur2(serializedKey)) % partitions;
  }

  private int partitionOf(K key, Owners owners) {
    return partition(keySerializer.serialize(sourceTopic, key), owners.partitions());
  }

  /** Kafka Streams' own answer for the key. */
  private KeyOwner ask(KafkaStreams running, K key) {
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
    return owner(metadata.activeHost(), metadata.partition(), self);
  }

  private static KeyOwner owner(HostInfo host, int partition, HostInfo self) {
    return self.equals(host) ? new KeyOwner.Local(partition) : new KeyOwner.Remote(host, partition);
  }

  /**
   * The active host of each partition of the source topic, as the metadata of one assignment has
   * it, and that metadata; no hosts when the metadata does not give every partition one.
   */
  private record Owners(KafkaStreams streams, List<StreamsMetadata> metadata, HostInfo[] active) {

    /**
     * From Kafka Streams' metadata of all clients; routable only when every partition from 0 up has
     * exactly one active host that advertises itself.
     */
    static Owners of(KafkaStreams running, Collection<StreamsMetadata> metadata, String topic) {
      Owners none = new Owners(running, List.copyOf(metadata), null);
      Map<Integer, HostInfo> hosts = new HashMap<>();
      for (StreamsMetadata client : metadata) {
        for (TopicPartition partition : client.topicPartitions()) {
          if (partition.topic().equals(topic)
              && (client.hostInfo().port() < 0
                  || hosts.put(partition.partition(), client.hostInfo()) != null)) {
            return none;
          }
        }
      }
      HostInfo[] active = new HostInfo[hosts.size()];
      for (int partition = 0; partition < active.length; partition++) {
        active[partition] = hosts.get(partition);
        if (active[partition] == null) {
          return none;
        }
      }
      return active.length == 0 ? none : new Owners(running, none.metadata(), active);
    }

    boolean routable() {
      return active != null;
    }

    Owners unroutable() {
      return new Owners(streams, metadata, null);
    }

    int partitions() {
      return active.length;
    }

    KeyOwner ownerOf(int partition, HostInfo self) {
      return owner(active[partition], partition, self);
    }

    /**
     * These owners if they are still the assignment of {@code running}: the same clients' metadata;
     * null when it changed. Kafka Streams builds new, immutable metadata for every assignment and
     * hands out the same objects until the next, so this is mostly a comparison of references;
     * metadata rebuilt equal keeps the owners, with the new references.
     */
    Owners current(KafkaStreams running, Collection<StreamsMetadata> now) {
      if (streams != running || metadata.size() != now.size()) {
        return null;
      }
      boolean same = true;
      Iterator<StreamsMetadata> current = now.iterator();
      for (StreamsMetadata client : metadata) {
        StreamsMetadata other = current.next();
        if (client != other) {
          if (!client.equals(other)) {
            return null;
          }
          same = false;
        }
      }
      return same ? this : new Owners(running, List.copyOf(now), active);
    }
  }
}
