package io.payrail.risk.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One of the customer's recent orders, as much as the windowed features need. Kept in the
 * customer's order log under the order's event time.
 */
public record RecentOrder(String orderId, long amountMinor, String currency, String token) {

  /** First byte of every stored value, so the format can change without reading old bytes wrong. */
  private static final byte FORMAT_VERSION = 1;

  /** The changelogged store's serde: a compact internal format, not part of the contract. */
  public static Serde<RecentOrder> serde() {
    return Serdes.serdeFrom(
        (topic, order) -> order == null ? null : write(order), (topic, bytes) -> read(bytes));
  }

  private static byte[] write(RecentOrder order) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeUTF(order.orderId);
      out.writeLong(order.amountMinor);
      out.writeUTF(order.currency);
      out.writeUTF(order.token);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static RecentOrder read(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new SerializationException("unknown RecentOrder format " + version);
      }
      return new RecentOrder(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF());
    } catch (IOException e) {
      throw new SerializationException("corrupt RecentOrder", e);
    }
  }
}
