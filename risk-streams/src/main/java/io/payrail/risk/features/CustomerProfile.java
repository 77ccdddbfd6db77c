package io.payrail.risk.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What is kept about a customer beyond the order log's window: when they were first seen and their
 * usual order amount per currency.
 *
 * @param firstSeenAt earliest placedAt seen, epoch milliseconds
 * @param usualByCurrency usual amount per ISO-4217 currency
 */
public record CustomerProfile(long firstSeenAt, Map<String, UsualAmount> usualByCurrency) {

  private static final byte FORMAT_VERSION = 1;

  public CustomerProfile {
    usualByCurrency = Map.copyOf(usualByCurrency);
  }

  /**
   * @param orders orders seen in this currency
   * @param meanMinor running mean of the first smoothing orders, then an exponentially weighted
   *     mean; whole minor units (integer division), never floating point
   */
  public record UsualAmount(long orders, long meanMinor) {

    static final UsualAmount NONE = new UsualAmount(0, 0);

    UsualAmount plus(long amountMinor, int smoothingOrders) {
      long seen = orders + 1;
      long divisor = Math.min(seen, smoothingOrders);
      return new UsualAmount(seen, meanMinor + (amountMinor - meanMinor) / divisor);
    }
  }

  UsualAmount usualIn(String currency) {
    return usualByCurrency.getOrDefault(currency, UsualAmount.NONE);
  }

  CustomerProfile with(long placedAt, String currency, long amountMinor, int smoothingOrders) {
    Map<String, UsualAmount> usual = new TreeMap<>(usualByCurrency);
    usual.put(currency, usualIn(currency).plus(amountMinor, smoothingOrders));
    return new CustomerProfile(Math.min(firstSeenAt, placedAt), usual);
  }

  /** The changelogged store's serde: a compact internal format, not part of the contract. */
  public static Serde<CustomerProfile> serde() {
    return Serdes.serdeFrom(
        (topic, profile) -> profile == null ? null : write(profile), (topic, bytes) -> read(bytes));
  }

  private static byte[] write(CustomerProfile profile) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeLong(profile.firstSeenAt);
      out.writeInt(profile.usualByCurrency.size());
      for (var entry : new TreeMap<>(profile.usualByCurrency).entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeLong(entry.getValue().orders());
        out.writeLong(entry.getValue().meanMinor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static CustomerProfile read(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new SerializationException("unknown CustomerProfile format " + version);
      }
      long firstSeenAt = in.readLong();
      int currencies = in.readInt();
      Map<String, UsualAmount> usual = new TreeMap<>();
      for (int i = 0; i < currencies; i++) {
        usual.put(in.readUTF(), new UsualAmount(in.readLong(), in.readLong()));
      }
      return new CustomerProfile(firstSeenAt, usual);
    } catch (IOException e) {
      throw new SerializationException("corrupt CustomerProfile", e);
    }
  }
}
