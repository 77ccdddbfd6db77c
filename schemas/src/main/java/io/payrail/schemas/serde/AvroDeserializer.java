package io.payrail.schemas.serde;

import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values. The writer's schema comes from the registry by the id in the
 * payload and is resolved to the reader's schema: the generated class's (with {@code
 * specific.avro.reader=true}), a reader schema given to the constructor, or else the writer's own.
 * So a consumer on an older schema reads newer records and the reverse, within the subject's
 * compatibility rules.
 */
public final class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

  private SchemaRegistryClient registry;
  private final Schema readerSchema;
  private boolean specific;

  private final Map<Integer, DatumReader<?>> readersBySchemaId = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  /** For Kafka's configuration by class name; {@link #configure} must follow. */
  public AvroDeserializer() {
    this(null, null);
  }

  /** A deserializer around a given registry client, configured by {@link #configure}. */
  public AvroDeserializer(SchemaRegistryClient registry) {
    this(registry, null);
  }

  /**
   * A deserializer that reads every record as the given schema (a GenericRecord), whatever
   * compatible schema it was written with.
   */
  public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
    this.registry = registry;
    this.readerSchema = readerSchema;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    this.specific = config.specificAvroReader() && readerSchema == null;
    if (registry == null) {
      this.registry = AvroSerdeConfig.client(configs, config);
    }
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    return deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return deserialize(topic, bytes);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    if (data.length < WireFormat.HEADER_SIZE) {
      throw new SerializationException(
          "Record from topic "
              + topic
              + " is not in the Confluent wire format: "
              + data.length
              + " bytes, shorter than the 5-byte header");
    }
    if (data[0] != WireFormat.MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Record from topic %s is not in the Confluent wire format: unknown magic byte 0x%02x",
              topic, data[0]));
    }
    int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
    DatumReader<?> reader;
    try {
      reader = readersBySchemaId.computeIfAbsent(schemaId, this::readerFor);
    } catch (SchemaRegistryException e) {
      if (e.isUnavailable()) {
        throw new SchemaRegistryUnavailableException(
            "Schema registry unavailable while reading writer schema id "
                + schemaId
                + " for topic "
                + topic
                + ": "
                + e.getMessage(),
            e);
      }
      throw new SerializationException(
          "Record from topic "
              + topic
              + " names writer schema id "
              + schemaId
              + " that the registry cannot give: "
              + e.getMessage(),
          e);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data,
                  WireFormat.HEADER_SIZE,
                  data.length - WireFormat.HEADER_SIZE,
                  decoders.get());
      decoders.set(decoder);
      return (T) reader.read(null, decoder);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "Cannot decode Avro value of "
              + data.length
              + " bytes from topic "
              + topic
              + " with writer schema id "
              + schemaId
              + " (truncated or corrupt payload?): "
              + e,
          e);
    }
  }

  private DatumReader<?> readerFor(int schemaId) {
    Schema writer = registry.schemaById(schemaId);
    if (readerSchema != null) {
      return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
    }
    if (specific) {
      Class<?> generated = SpecificData.get().getClass(writer);
      if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
        throw new SerializationException(
            "specific.avro.reader is set but no generated class exists for "
                + writer.getFullName()
                + " (schema id "
                + schemaId
                + ")");
      }
      Schema reader = SpecificData.get().getSchema(generated);
      return new SpecificDatumReader<>(writer, reader);
    }
    return new GenericDatumReader<>(writer, writer, GenericData.get());
  }
}
