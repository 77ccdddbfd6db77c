package io.payrail.schemas.serde;

import io.payrail.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serdes;

/** The wire-format Avro serializer and deserializer as one Kafka {@code Serde}. */
public final class AvroSerde<T extends IndexedRecord> extends Serdes.WrapperSerde<T> {

  /** For Kafka's configuration by class name; {@link #configure} must follow. */
  public AvroSerde() {
    super(new AvroSerializer<>(), new AvroDeserializer<>());
  }

  /** A serde sharing one registry client (and its cache) between both directions. */
  public AvroSerde(SchemaRegistryClient registry) {
    super(new AvroSerializer<>(registry), new AvroDeserializer<>(registry));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer().configure(configs, isKey);
    deserializer().configure(configs, isKey);
  }
}
