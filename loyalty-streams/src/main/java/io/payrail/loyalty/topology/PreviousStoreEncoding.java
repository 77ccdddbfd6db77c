package io.payrail.loyalty.topology;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads store values in the encodings loyalty-streams wrote before Avro ({@link
 * LoyaltyStoreSerdes}), for one release, so that an upgraded instance reads the stores and
 * changelogs of the previous one (docs/operations.md, two-step rollout). Remove with the release
 * after.
 *
 * <p>Format 1: the version byte 1, then the fields. A string is its UTF-8 length (int, -1 for null)
 * and bytes; an enum is its name as such a string; any other nullable value has a presence byte (0
 * or 1) in front; a set or map is its size (int) and its elements; an Instant is epoch seconds
 * (long) and nanos (int). Values written before format 1 are JSON objects (first byte '{'), read
 * through {@link JsonSerde}.
 */
final class PreviousStoreEncoding {

  static final byte FORMAT_1 = 1;

  private static final byte LEGACY_JSON = '{';

  private PreviousStoreEncoding() {}

  /** Reads the fields of format 1 after the version byte. */
  interface Fields<T> {
    T read(In in) throws IOException;
  }

  /** A reader of format 1 and of JSON for values of {@code type}. */
  static <T> Function<byte[], T> reader(Class<T> type, Fields<T> fields) {
    Deserializer<T> json = new JsonSerde<>(type).deserializer();
    String typeName = type.getSimpleName();
    return bytes -> {
      if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
        return json.deserialize(null, bytes);
      }
      In in = new In(bytes);
      try {
        byte version = in.readByte();
        if (version != FORMAT_1) {
          throw cannotRead(typeName, "unknown format version " + version);
        }
        T value = fields.read(in);
        if (in.available() != 0) {
          throw cannotRead(typeName, in.available() + " trailing bytes");
        }
        return value;
      } catch (SerializationException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        // Truncated or garbage bytes: an early end, an unknown enum name, a null where the value
        // type allows none, an Instant out of range.
        throw new SerializationException("cannot read " + typeName + " from store: " + e, e);
      }
    };
  }

  private static SerializationException cannotRead(String typeName, String why) {
    return new SerializationException("cannot read " + typeName + " from store: " + why);
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

    /** Reads a presence byte (0 or 1). */
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
