package io.payrail.schemas.serde;

import io.payrail.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes SpecificRecord or GenericRecord values in Confluent's wire format under the {@code
 * <topic>-value} (or {@code -key}) subject. Schema ids and datum writers are cached per schema, so
 * the registry is called once per schema, not per record.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

  private SchemaRegistryClient registry;
  private AvroSerdeConfig config;
  private boolean isKey;

  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  /** For Kafka's configuration by class name; {@link #configure} must follow. */
  public AvroSerializer() {}

  /** A serializer around a given registry client, configured by {@link #configure}. */
  public AvroSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs);
    this.isKey = isKey;
    if (registry == null) {
      this.registry = AvroSerdeConfig.client(configs, config);
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    String subject = topic + (isKey ? "-key" : "-value");
    Schema recordSchema = record.getSchema();
    try {
      if (config.useLatestVersion()) {
        var latest = registry.latest(subject);
        Object value =
            latest.schema().equals(recordSchema) ? record : project(record, latest.schema());
        return write(latest.id(), latest.schema(), value);
      }
      int id =
          idsBySubject
              .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
              .computeIfAbsent(
                  recordSchema,
                  schema ->
                      config.autoRegisterSchemas()
                          ? registry.register(subject, schema)
                          : registry.idOf(subject, schema));
      return write(id, recordSchema, record);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize "
              + recordSchema.getFullName()
              + " for topic "
              + topic
              + " (subject "
              + subject
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private byte[] write(int schemaId, Schema schema, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(WireFormat.MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
    encoders.set(encoder);
    writerFor(schema, value).write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Re-reads a record written with its own schema as the subject's latest schema. */
  private Object project(IndexedRecord record, Schema target) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, null);
    writerFor(record.getSchema(), record).write(record, encoder);
    encoder.flush();
    return new GenericDatumReader<>(record.getSchema(), target, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
  }

  /**
   * Generated classes carry logical-type conversions (Instant for timestamps) that a GenericRecord
   * of the same schema does not, so the writer follows the value's kind.
   */
  private DatumWriter<Object> writerFor(Schema schema, Object value) {
    if (value instanceof SpecificRecord) {
      return specificWriters.computeIfAbsent(schema, SpecificDatumWriter::new);
    }
    return genericWriters.computeIfAbsent(
        schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
  }
}
