package io.payrail.schemas.serde;

import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Builds the key and value serdes of contract topics from one serde configuration. All serdes built
 * here share one registry client, so each schema costs one registry call per process.
 */
public final class TopicSerdes {

  private final Map<String, Object> configs;
  private final SchemaRegistryClient registry;

  /**
   * @param serdeConfigs at least {@code schema.registry.url}; the other keys of {@link
   *     AvroSerdeConfig} as needed
   */
  public TopicSerdes(Map<String, ?> serdeConfigs) {
    Map<String, Object> configs = new HashMap<>(serdeConfigs);
    configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
    this.registry = AvroSerdeConfig.client(configs, AvroSerdeConfig.from(configs));
    configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, registry);
    this.configs = Map.copyOf(configs);
  }

  /** The generated-class serde of the topic's values. */
  public <V extends SpecificRecord> Serde<V> valueSerde(Topic<?, V> topic) {
    AvroSerde<V> serde = new AvroSerde<>(registry);
    serde.configure(configs, false);
    return serde;
  }

  /** The serde of the topic's keys: every contract key is a plain UTF-8 string. */
  public Serde<String> keySerde(Topic<String, ?> topic) {
    return Serdes.String();
  }

  /** The configuration the serdes were built with, including the shared client. */
  public Map<String, Object> configs() {
    return configs;
  }

  /** The registry client every serde built here shares. */
  public SchemaRegistryClient registry() {
    return registry;
  }
}
