package io.payrail.risk.features;

import io.payrail.risk.store.StoredCustomerProfile;
import io.payrail.risk.store.StoredUsualAmount;
import io.payrail.schemas.store.StoreValueSerde;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * What is kept about a customer beyond the order log's window: when they were first seen and their
 * usual order amount per currency.
 *
 * @param firstSeenAt earliest placedAt seen, epoch milliseconds
 * @param usualByCurrency usual amount per ISO-4217 currency
 */
public record CustomerProfile(long firstSeenAt, Map<String, UsualAmount> usualByCurrency) {

  /** The first byte of a value in the encoding before Avro, read for one release. */
  private static final byte PREVIOUS_FORMAT = 1;

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

  /**
   * The changelogged store's serde: {@code StoredCustomerProfile.avsc} in Avro's single-object
   * encoding (not part of the contract; see {@link StoreValueSerde}).
   */
  public static Serde<CustomerProfile> serde() {
    return new StoreValueSerde<>(
        "CustomerProfile",
        StoredCustomerProfile.getEncoder(),
        StoredCustomerProfile.getDecoder(),
        CustomerProfile::stored,
        CustomerProfile::of,
        CustomerProfile::readPreviousFormat);
  }

  private static StoredCustomerProfile stored(CustomerProfile profile) {
    Map<String, StoredUsualAmount> usual = new TreeMap<>();
    profile.usualByCurrency.forEach(
        (currency, amount) ->
            usual.put(currency, new StoredUsualAmount(amount.orders(), amount.meanMinor())));
    return new StoredCustomerProfile(profile.firstSeenAt, usual);
  }

  private static CustomerProfile of(StoredCustomerProfile stored) {
    Map<String, UsualAmount> usual = new TreeMap<>();
    stored
        .getUsualByCurrency()
        .forEach(
            (currency, amount) ->
                usual.put(currency, new UsualAmount(amount.getOrders(), amount.getMeanMinor())));
    return new CustomerProfile(stored.getFirstSeenAt(), usual);
  }

  /**
   * The version byte 1, firstSeenAt, the number of currencies, then each currency with its orders
   * and mean, as {@code DataOutput} writes them: what the release before Avro wrote. Remove with
   * the release after the two-step rollout (docs/operations.md).
   */
  static CustomerProfile readPreviousFormat(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != PREVIOUS_FORMAT) {
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
