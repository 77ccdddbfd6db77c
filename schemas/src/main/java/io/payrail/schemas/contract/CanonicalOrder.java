package io.payrail.schemas.contract;

import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes two submissions of an orderId the same order: every field of {@code OrderPlaced} but
 * {@code placedAt}, in a canonical form of its own (fields in a fixed order, each string as its
 * UTF-8 length and bytes, numbers as big-endian integers). It depends on no serializer, so a new
 * encoding of a topic or a store never changes which orders count as the same. A field added to
 * {@code OrderPlaced} must be added here, at the end, to count.
 */
public final class CanonicalOrder {

  private CanonicalOrder() {}

  /** SHA-256 of the canonical form: equal for the same order, whatever its placedAt. */
  public static byte[] fingerprint(OrderPlaced order) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonicalForm(order));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static byte[] canonicalForm(OrderPlaced order) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      string(out, order.getOrderId());
      string(out, order.getMerchantId());
      string(out, order.getCustomerId());
      out.writeLong(order.getAmountMinor());
      string(out, order.getCurrency());
      out.writeInt(order.getItems().size());
      for (LineItem item : order.getItems()) {
        string(out, item.getSku());
        out.writeInt(item.getQuantity());
        out.writeLong(item.getUnitAmountMinor());
      }
      PaymentMethod method = order.getPaymentMethod();
      string(out, method.getToken());
      string(out, method.getBrand());
      string(out, method.getLast4());
      string(out, method.getIssuingCountry());
      string(out, order.getShippingCountry());
      string(out, order.getChannel().name());
      // Only when claimed, so that the fingerprints of orders without a coupon stay as they were.
      // The code alone: its discount follows from the coupon, which never changes.
      if (order.getCoupon() != null) {
        string(out, order.getCoupon().getCode());
      }
      // Likewise only when redeemed; tagged, so that points never read as a coupon's bytes.
      if (order.getPointsToRedeem() != null) {
        string(out, "points");
        out.writeLong(order.getPointsToRedeem());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen in memory", e);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
