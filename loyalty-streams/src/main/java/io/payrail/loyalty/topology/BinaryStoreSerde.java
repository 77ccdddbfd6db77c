package io.payrail.loyalty.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The frame of the store value serdes: a compact binary form written and read on every event the
 * ledger applies (Jackson cost the stream thread about a third of its CPU). Subclasses write and
 * read the fields of one value type.
 *
 * <p>A value is a format version byte, then the fields in the subclass's order. A string is its
 * UTF-8 length (int, -1 for null) and bytes; an enum is its name as such a string, not its ordinal,
 * so adding or reordering constants never changes what a stored value means and a removed one fails
 * loudly; any other nullable value has a presence byte (0 or 1) in front; a set or map is its size
 * (int) and its elements; an Instant is epoch seconds (long) and nanos (int), so it round-trips
 * exactly. Changing a format means a new version byte, with the reader of the old one kept.
 *
 * <p>Values written before this format are JSON objects, whose first byte is '{'; they are read
 * through {@link JsonSerde}, so an upgraded instance still restores an older changelog. No version
 * byte may ever be '{'.
 */
abstract class BinaryStoreSerde<T> implements Serde<T> {

  static final byte FORMAT_1 = 1;

  private static final byte LEGACY_JSON = '{';

  private final String typeName;
  private final Deserializer<T> legacy;

  BinaryStoreSerde(Class<T> type) {
    this.typeName = type.getSimpleName();
    this.legacy = new JsonSerde<>(type).deserializer();
  }

  /** Writes the fields of format {@link #FORMAT_1}. */
  abstract void write(Out out, T value) throws IOException;

  /** Reads the fields of format {@link #FORMAT_1}. */
  abstract T read(In in) throws IOException;

  @Override
  public final Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : serialize(value);
  }

  @Override
  public final Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : deserialize(topic, bytes);
  }

  private byte[] serialize(T value) {
    Out out = new Out();
    try {
      out.writeByte(FORMAT_1);
      write(out, value);
    } catch (IOException e) {
      // Only the ByteArrayOutputStream underneath could throw, and it does not.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private T deserialize(String topic, byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
      return legacy.deserialize(topic, bytes);
    }
    In in = new In(bytes);
    try {
      byte version = in.readByte();
      if (version != FORMAT_1) {
        throw cannotRead("unknown format version " + version);
      }
      T value = read(in);
      if (in.available() != 0) {
        throw cannotRead(in.available() + " trailing bytes");
      }
      return value;
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Truncated or garbage bytes: an early end, an unknown enum name, a null where the value
      // type allows none, an Instant out of range.
      throw new SerializationException("cannot read " + typeName + " from store: " + e, e);
    }
  }

  private SerializationException cannotRead(String why) {
    return new SerializationException("cannot read " + typeName + " from store: " + why);
  }

  /** The writing side of the format. */
  static final class Out extends DataOutputStream {

    private Out() {
      super(new ByteArrayOutputStream(128));
    }

    private byte[] toByteArray() {
      return ((ByteArrayOutputStream) out).toByteArray();
    }

    void string(String value) throws IOException {
      if (value == null) {
        writeInt(-1);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      writeInt(utf8.length);
      write(utf8);
    }

    void enumName(Enum<?> value) throws IOException {
      string(value == null ? null : value.name());
    }

    void instant(Instant value) throws IOException {
      writeBoolean(value != null);
      if (value != null) {
        writeLong(value.getEpochSecond());
        writeInt(value.getNano());
      }
    }

    /** Writes the presence byte, and the value with {@code fields} when there is one. */
    <V> void nullable(V value, Fields<V> fields) throws IOException {
      writeBoolean(value != null);
      if (value != null) {
        fields.write(value);
      }
    }

    void strings(Set<String> values) throws IOException {
      writeInt(values.size());
      for (String value : values) {
        string(value);
      }
    }

    void longsByString(Map<String, Long> values) throws IOException {
      writeInt(values.size());
      for (Map.Entry<String, Long> entry : values.entrySet()) {
        string(entry.getKey());
        writeLong(entry.getValue());
      }
    }
  }

  /** Writes the fields of a nested value. */
  interface Fields<V> {
    void write(V value) throws IOException;
  }

  /** The reading side of the format; every length is checked against the bytes left. */
  static final class In extends DataInputStream {

    private In(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    String string() throws IOException {
      int length = readInt();
      if (length == -1) {
        return null;
      }
      byte[] utf8 = new byte[checkedCount(length)];
      readFully(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    <E extends Enum<E>> E enumName(Class<E> type) throws IOException {
      String name = string();
      return name == null ? null : Enum.valueOf(type, name);
    }

    Instant instant() throws IOException {
      return present() ? Instant.ofEpochSecond(readLong(), readInt()) : null;
    }

    /** Reads the presence byte written by {@link Out#nullable}. */
    boolean present() throws IOException {
      byte flag = readByte();
      if (flag != 0 && flag != 1) {
        throw new IOException("bad presence byte " + flag);
      }
      return flag == 1;
    }

    Set<String> strings() throws IOException {
      String[] values = new String[checkedCount(readInt())];
      for (int i = 0; i < values.length; i++) {
        values[i] = string();
      }
      // Set.of is what the value types copy into anyway, so their Set.copyOf keeps this one.
      return Set.of(values);
    }

    Map<String, Long> longsByString() throws IOException {
      @SuppressWarnings("unchecked")
      Map.Entry<String, Long>[] entries = new Map.Entry[checkedCount(readInt())];
      for (int i = 0; i < entries.length; i++) {
        entries[i] = Map.entry(string(), readLong());
      }
      return Map.ofEntries(entries);
    }

    // Garbage must not make us allocate gigabytes before running out of bytes.
    private int checkedCount(int count) throws IOException {
      if (count < 0 || count > available()) {
        throw new IOException("bad length " + count + " with " + available() + " bytes left");
      }
      return count;
    }
  }
}
