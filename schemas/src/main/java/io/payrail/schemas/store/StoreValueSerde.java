package io.payrail.schemas.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of a Kafka Streams state store's values: an Avro record with a schema of the service's own
 * (an {@code .avsc} in the service module, not part of the contract), in Avro's single-object
 * encoding: the marker {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer schema, then
 * Avro binary. The fingerprint says which schema wrote a value, so a later schema can still read it
 * (add the earlier schema to the decoder), and the values are not registered in the schema
 * registry: they are private to the service, and reading its own state must not depend on the
 * registry being up (a restore or a lookup during an outage would fail for no reason).
 *
 * <p>A reader of the encoding used before this one may be given, for one release: values whose
 * bytes do not start with the marker are handed to it, so an upgraded instance reads stores and
 * changelogs written by the previous version.
 *
 * @param <S> the generated Avro class of the stored form
 * @param <V> the value the service works with
 */
public final class StoreValueSerde<S, V> implements Serde<V> {

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final String valueName;
  private final BinaryMessageEncoder<S> encoder;
  private final BinaryMessageDecoder<S> decoder;
  private final Function<V, S> toStored;
  private final Function<S, V> fromStored;
  private final Function<byte[], V> previousEncoding;

  /**
   * @param valueName names the value in errors
   * @param encoder the generated class's {@code getEncoder()}
   * @param decoder the generated class's {@code getDecoder()}, or {@code createDecoder(store)} with
   *     earlier schemas added
   * @param toStored the value as stored
   * @param fromStored the value from its stored form
   * @param previousEncoding reads a value written in the encoding before this one; it throws a
   *     {@link SerializationException} for bytes it cannot read
   */
  public StoreValueSerde(
      String valueName,
      BinaryMessageEncoder<S> encoder,
      BinaryMessageDecoder<S> decoder,
      Function<V, S> toStored,
      Function<S, V> fromStored,
      Function<byte[], V> previousEncoding) {
    this.valueName = valueName;
    this.encoder = encoder;
    this.decoder = decoder;
    this.toStored = toStored;
    this.fromStored = fromStored;
    this.previousEncoding = previousEncoding;
  }

  @Override
  public Serializer<V> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<V> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  private byte[] encode(V value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try {
      encoder.encode(toStored.apply(value), out);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private V decode(byte[] bytes) {
    if (bytes.length < 2 || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      return previousEncoding.apply(bytes);
    }
    try {
      return fromStored.apply(decoder.decode(bytes));
    } catch (IOException | AvroRuntimeException | IllegalArgumentException e) {
      // Truncated or garbage bytes, a schema fingerprint this version does not know.
      throw new SerializationException("cannot read " + valueName + " from store: " + e, e);
    }
  }
}
