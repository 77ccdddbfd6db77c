package io.payrail.ingest.status;

import io.payrail.ingest.status.OrderStatus.Item;
import io.payrail.ingest.status.OrderStatus.Order;
import io.payrail.ingest.status.OrderStatus.Payment;
import io.payrail.ingest.status.OrderStatus.PaymentMethod;
import io.payrail.ingest.status.OrderStatus.Reason;
import io.payrail.ingest.status.OrderStatus.Refund;
import io.payrail.ingest.status.OrderStatus.Risk;
import io.payrail.ingest.status.OrderStatus.StatusChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The status view's store codec: a compact binary form of {@link OrderStatus}, written and read on
 * every event the view folds (JSON cost the stream thread more than everything else it does).
 *
 * <p>Format 1: the version byte, then the fields in declaration order. A string is its UTF-8 length
 * (an int, -1 for null) and bytes; any other nullable value has a presence byte (0 or 1) in front;
 * a list is its size (an int, -1 for null) and its elements; an Instant is epoch seconds (long) and
 * nanos (int), so every Instant round-trips exactly. Enums are written by name, not ordinal: adding
 * or reordering {@link OrderState}s then never changes what a stored row means, and a removed one
 * fails loudly instead of turning into a neighbour. A change of the format gets a new version byte
 * and a reader for the old one.
 *
 * <p>Values written before this codec are JSON objects, whose first byte is '{'; they are still
 * read (through {@link JsonSerde}), so an upgraded instance restores an older changelog. No version
 * byte may ever be '{'.
 */
public final class OrderStatusSerde implements Serde<OrderStatus> {

  static final byte VERSION = 1;
  private static final byte LEGACY_JSON = '{';

  private final Deserializer<OrderStatus> legacy =
      new JsonSerde<>(OrderStatus.class).deserializer();

  @Override
  public Serializer<OrderStatus> serializer() {
    return (topic, status) -> status == null ? null : encode(status);
  }

  @Override
  public Deserializer<OrderStatus> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
        return legacy.deserialize(topic, bytes);
      }
      return decode(bytes);
    };
  }

  /**
   * The order in this codec's form: unambiguous (every field is length- or presence-prefixed), so
   * equal bytes mean an equal order. The POST idempotency guard fingerprints these bytes.
   */
  public static byte[] orderBytes(Order order) {
    return write(out -> out.order(order));
  }

  static byte[] encode(OrderStatus status) {
    return write(
        out -> {
          out.writeByte(VERSION);
          out.string(status.orderId());
          out.string(status.merchantId());
          out.nullable(status.status(), out::enumName);
          out.nullable(status.order(), out::order);
          out.nullable(status.risk(), out::risk);
          out.nullable(status.payment(), out::payment);
          out.list(status.refunds(), out::refund);
          out.writeLong(status.refundedMinor());
          out.list(status.history(), out::statusChange);
        });
  }

  static OrderStatus decode(byte[] bytes) {
    In in = new In(bytes);
    try {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException(
            "cannot read OrderStatus from store: unknown format version " + version);
      }
      OrderStatus status =
          new OrderStatus(
              in.string(),
              in.string(),
              in.nullable(in::state),
              in.nullable(in::order),
              in.nullable(in::risk),
              in.nullable(in::payment),
              in.list(in::refund),
              in.readLong(),
              in.list(in::statusChange));
      if (in.available() != 0) {
        throw new SerializationException(
            "cannot read OrderStatus from store: " + in.available() + " trailing bytes");
      }
      return status;
    } catch (IOException | IllegalArgumentException e) {
      // Truncated or garbage bytes (EOF, a bad length, an unknown enum name).
      throw new SerializationException("cannot read OrderStatus from store: " + e, e);
    }
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      writing.to(new Out(bytes));
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private interface Writing {
    void to(Out out) throws IOException;
  }

  private interface Writer<T> {
    void write(T value) throws IOException;
  }

  private interface Reader<T> {
    T read() throws IOException;
  }

  private static final class Out extends DataOutputStream {

    Out(ByteArrayOutputStream bytes) {
      super(bytes);
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

    <T> void nullable(T value, Writer<T> writer) throws IOException {
      writeBoolean(value != null);
      if (value != null) {
        writer.write(value);
      }
    }

    <T> void list(List<T> values, Writer<T> writer) throws IOException {
      if (values == null) {
        writeInt(-1);
        return;
      }
      writeInt(values.size());
      for (T value : values) {
        writer.write(value);
      }
    }

    void enumName(Enum<?> value) throws IOException {
      string(value.name());
    }

    void instant(Instant value) throws IOException {
      nullable(
          value,
          at -> {
            writeLong(at.getEpochSecond());
            writeInt(at.getNano());
          });
    }

    void order(Order order) throws IOException {
      string(order.customerId());
      writeLong(order.amountMinor());
      string(order.currency());
      list(order.items(), this::item);
      nullable(order.paymentMethod(), this::paymentMethod);
      string(order.shippingCountry());
      string(order.channel());
      instant(order.placedAt());
    }

    void item(Item item) throws IOException {
      string(item.sku());
      writeInt(item.quantity());
      writeLong(item.unitAmountMinor());
    }

    void paymentMethod(PaymentMethod method) throws IOException {
      string(method.token());
      string(method.brand());
      string(method.last4());
      string(method.issuingCountry());
    }

    void risk(Risk risk) throws IOException {
      writeInt(risk.score());
      string(risk.decision());
      list(risk.reasons(), this::reason);
      string(risk.rulesVersion());
      instant(risk.assessedAt());
    }

    void reason(Reason reason) throws IOException {
      string(reason.rule());
      writeInt(reason.contribution());
      string(reason.detail());
    }

    void payment(Payment payment) throws IOException {
      string(payment.paymentId());
      string(payment.status());
      writeLong(payment.amountMinor());
      string(payment.currency());
      string(payment.declineCode());
      string(payment.gatewayReference());
      instant(payment.processedAt());
    }

    void refund(Refund refund) throws IOException {
      string(refund.refundId());
      string(refund.status());
      writeLong(refund.amountMinor());
      string(refund.currency());
      string(refund.reason());
      string(refund.rejectionCode());
      writeLong(refund.refundedTotalMinor());
      instant(refund.processedAt());
    }

    void statusChange(StatusChange change) throws IOException {
      nullable(change.status(), this::enumName);
      instant(change.at());
    }
  }

  private static final class In extends DataInputStream {

    In(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    String string() throws IOException {
      int length = readInt();
      if (length == -1) {
        return null;
      }
      byte[] utf8 = new byte[checkedLength(length)];
      readFully(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    <T> T nullable(Reader<T> reader) throws IOException {
      return switch (readByte()) {
        case 0 -> null;
        case 1 -> reader.read();
        default -> throw new IOException("bad presence flag");
      };
    }

    <T> List<T> list(Reader<T> reader) throws IOException {
      int size = readInt();
      if (size == -1) {
        return null;
      }
      // Every element takes at least one byte: a size beyond what is left is garbage, not a list.
      List<T> values = new ArrayList<>(checkedLength(size));
      for (int i = 0; i < size; i++) {
        values.add(reader.read());
      }
      return values;
    }

    Instant instant() throws IOException {
      return nullable(() -> Instant.ofEpochSecond(readLong(), readInt()));
    }

    Order order() throws IOException {
      return new Order(
          string(),
          readLong(),
          string(),
          list(this::item),
          nullable(this::paymentMethod),
          string(),
          string(),
          instant());
    }

    Item item() throws IOException {
      return new Item(string(), readInt(), readLong());
    }

    PaymentMethod paymentMethod() throws IOException {
      return new PaymentMethod(string(), string(), string(), string());
    }

    Risk risk() throws IOException {
      return new Risk(readInt(), string(), list(this::reason), string(), instant());
    }

    Reason reason() throws IOException {
      return new Reason(string(), readInt(), string());
    }

    Payment payment() throws IOException {
      return new Payment(string(), string(), readLong(), string(), string(), string(), instant());
    }

    Refund refund() throws IOException {
      return new Refund(
          string(), string(), readLong(), string(), string(), string(), readLong(), instant());
    }

    StatusChange statusChange() throws IOException {
      return new StatusChange(nullable(this::state), instant());
    }

    OrderState state() throws IOException {
      String name = string();
      if (name == null) {
        throw new IOException("null state name");
      }
      return OrderState.valueOf(name);
    }

    private int checkedLength(int length) throws IOException {
      if (length < 0 || length > available()) {
        throw new IOException("bad length " + length);
      }
      return length;
    }
  }
}
