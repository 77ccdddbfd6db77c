package io.payrail.risk.features;

import io.payrail.risk.store.StoredRecentOrder;
import io.payrail.schemas.store.StoreValueSerde;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * One of the customer's recent orders, as much as the windowed features need. Kept in the
 * customer's order log under the order's event time.
 */
public record RecentOrder(String orderId, long amountMinor, String currency, String token) {

  /** The first byte of a value in the encoding before Avro, read for one release. */
  private static final byte PREVIOUS_FORMAT = 1;

  /**
   * The changelogged store's serde: {@code StoredRecentOrder.avsc} in Avro's single-object encoding
   * (not part of the contract; see {@link StoreValueSerde}).
   */
  public static Serde<RecentOrder> serde() {
    return new StoreValueSerde<>(
        "RecentOrder",
        StoredRecentOrder.getEncoder(),
        StoredRecentOrder.getDecoder(),
        order ->
            new StoredRecentOrder(order.orderId, order.amountMinor, order.currency, order.token),
        stored ->
            new RecentOrder(
                stored.getOrderId(),
                stored.getAmountMinor(),
                stored.getCurrency(),
                stored.getToken()),
        RecentOrder::readPreviousFormat);
  }

  /**
   * The version byte 1, then orderId, amountMinor, currency and token as {@code DataOutput} writes
   * them: what the release before Avro wrote. Remove with the release after the two-step rollout
   * (docs/operations.md).
   */
  static RecentOrder readPreviousFormat(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != PREVIOUS_FORMAT) {
        throw new SerializationException("unknown RecentOrder format " + version);
      }
      return new RecentOrder(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF());
    } catch (IOException e) {
      throw new SerializationException("corrupt RecentOrder", e);
    }
  }
}
