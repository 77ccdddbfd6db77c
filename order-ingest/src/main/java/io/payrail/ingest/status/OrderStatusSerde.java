package io.payrail.ingest.status;

import io.payrail.ingest.status.OrderStatus.Item;
import io.payrail.ingest.status.OrderStatus.Order;
import io.payrail.ingest.status.OrderStatus.Payment;
import io.payrail.ingest.status.OrderStatus.PaymentMethod;
import io.payrail.ingest.status.OrderStatus.Reason;
import io.payrail.ingest.status.OrderStatus.Refund;
import io.payrail.ingest.status.OrderStatus.Review;
import io.payrail.ingest.status.OrderStatus.Risk;
import io.payrail.ingest.status.OrderStatus.StatusChange;
import io.payrail.ingest.status.store.StoredCoupon;
import io.payrail.ingest.status.store.StoredItem;
import io.payrail.ingest.status.store.StoredOrder;
import io.payrail.ingest.status.store.StoredOrderStatus;
import io.payrail.ingest.status.store.StoredPayment;
import io.payrail.ingest.status.store.StoredPaymentMethod;
import io.payrail.ingest.status.store.StoredReason;
import io.payrail.ingest.status.store.StoredRefund;
import io.payrail.ingest.status.store.StoredReview;
import io.payrail.ingest.status.store.StoredRisk;
import io.payrail.ingest.status.store.StoredStatusChange;
import io.payrail.schemas.store.StoreValueSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The status view's store serde: {@link OrderStatus} as {@code StoredOrderStatus.avsc} in Avro's
 * single-object encoding ({@link StoreValueSerde}: an internal schema, not registered, not part of
 * the contract), written and read on every event the view folds: Avro binary through the generated
 * class's cached encoder and decoder, no reflection (JSON had cost the stream thread more than all
 * its other work). Enumerations are stored by name, so adding or reordering {@link OrderState}s
 * never changes what a stored row means, and a removed one fails loudly.
 *
 * <p>Rows written by the release before are read for one release (two-step rollout,
 * docs/operations.md): its binary format 1 (a version byte, then the fields, every string
 * length-prefixed and every other nullable value presence-prefixed; Instants as epoch seconds and
 * nanos), and JSON from before that (first byte '{').
 *
 * <p>Avro rows of every earlier version of {@code StoredOrderStatus.avsc} are read as well: each
 * version is kept in {@code src/main/resources/store-history/StoredOrderStatus/v<N>.avsc} and added
 * to the decoder, which recognises it by the fingerprint in the row and resolves it to the current
 * schema (fields added since take their defaults). v1: before reviews; v2: {@code review}; v3: the
 * order's {@code coupon}; v4 (current): the order's {@code pointsToRedeem} and the payment's {@code
 * pointsRedeemed} (absent from older rows: none, 0).
 */
public final class OrderStatusSerde implements Serde<OrderStatus> {

  /** The version byte of the binary format of the release before Avro. */
  static final byte PREVIOUS_VERSION = 1;

  private static final byte LEGACY_JSON = '{';

  private static final BinaryMessageEncoder<StoredOrder> ORDER_ENCODER = StoredOrder.getEncoder();

  /** The earlier versions of the store schema, oldest first; add one on every change. */
  static final List<String> SCHEMA_HISTORY = List.of("v1", "v2", "v3");

  private static final BinaryMessageDecoder<StoredOrderStatus> DECODER = decoder();

  private final Serde<OrderStatus> avro =
      new StoreValueSerde<>(
          "OrderStatus",
          StoredOrderStatus.getEncoder(),
          DECODER,
          OrderStatusSerde::stored,
          OrderStatusSerde::status,
          OrderStatusSerde::readPrevious);

  @Override
  public Serializer<OrderStatus> serializer() {
    return avro.serializer();
  }

  @Override
  public Deserializer<OrderStatus> deserializer() {
    return avro.deserializer();
  }

  /** The current schema's decoder, which also reads rows of every version in the history. */
  private static BinaryMessageDecoder<StoredOrderStatus> decoder() {
    BinaryMessageDecoder<StoredOrderStatus> decoder = StoredOrderStatus.createDecoder(null);
    for (String version : SCHEMA_HISTORY) {
      decoder.addSchema(historicSchema(version));
    }
    return decoder;
  }

  static Schema historicSchema(String version) {
    String resource = "/store-history/StoredOrderStatus/" + version + ".avsc";
    try (InputStream in = OrderStatusSerde.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing store schema " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The order in its stored Avro form: unambiguous, so equal bytes mean an equal order. The POST
   * idempotency guard fingerprints these bytes (per instance, in memory: a change of the encoding
   * between releases compares nothing across them).
   */
  public static byte[] orderBytes(Order order) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      ORDER_ENCODER.encode(stored(order), out);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static StoredOrderStatus stored(OrderStatus status) {
    return new StoredOrderStatus(
        status.orderId(),
        status.merchantId(),
        name(status.status()),
        status.order() == null ? null : stored(status.order()),
        status.risk() == null ? null : stored(status.risk()),
        status.payment() == null ? null : stored(status.payment()),
        map(status.refunds(), OrderStatusSerde::stored),
        status.refundedMinor(),
        map(status.history(), change -> new StoredStatusChange(name(change.status()), change.at())),
        status.review() == null ? null : stored(status.review()));
  }

  private static StoredReview stored(Review review) {
    return new StoredReview(
        review.decisionId(),
        review.decision(),
        review.reviewer(),
        review.note(),
        review.decidedAt());
  }

  private static StoredOrder stored(Order order) {
    PaymentMethod method = order.paymentMethod();
    return new StoredOrder(
        order.customerId(),
        order.amountMinor(),
        order.currency(),
        map(
            order.items(),
            item -> new StoredItem(item.sku(), item.quantity(), item.unitAmountMinor())),
        method == null
            ? null
            : new StoredPaymentMethod(
                method.token(), method.brand(), method.last4(), method.issuingCountry()),
        order.shippingCountry(),
        order.channel(),
        order.placedAt(),
        order.coupon() == null
            ? null
            : new StoredCoupon(order.coupon().code(), order.coupon().discountMinor()),
        order.pointsToRedeem());
  }

  private static StoredRisk stored(Risk risk) {
    return new StoredRisk(
        risk.score(),
        risk.decision(),
        map(
            risk.reasons(),
            reason -> new StoredReason(reason.rule(), reason.contribution(), reason.detail())),
        risk.rulesVersion(),
        risk.assessedAt());
  }

  private static StoredPayment stored(Payment payment) {
    return new StoredPayment(
        payment.paymentId(),
        payment.status(),
        payment.amountMinor(),
        payment.currency(),
        payment.declineCode(),
        payment.gatewayReference(),
        payment.processedAt(),
        payment.pointsRedeemed());
  }

  private static StoredRefund stored(Refund refund) {
    return new StoredRefund(
        refund.refundId(),
        refund.status(),
        refund.amountMinor(),
        refund.currency(),
        refund.reason(),
        refund.rejectionCode(),
        refund.refundedTotalMinor(),
        refund.processedAt());
  }

  private static OrderStatus status(StoredOrderStatus stored) {
    StoredOrder order = stored.getOrder();
    StoredRisk risk = stored.getRisk();
    StoredPayment payment = stored.getPayment();
    return new OrderStatus(
        stored.getOrderId(),
        stored.getMerchantId(),
        state(stored.getStatus()),
        order == null ? null : order(order),
        risk == null
            ? null
            : new Risk(
                risk.getScore(),
                risk.getDecision(),
                map(
                    risk.getReasons(),
                    reason ->
                        new Reason(reason.getRule(), reason.getContribution(), reason.getDetail())),
                risk.getRulesVersion(),
                risk.getAssessedAt()),
        payment == null
            ? null
            : new Payment(
                payment.getPaymentId(),
                payment.getStatus(),
                payment.getAmountMinor(),
                payment.getCurrency(),
                payment.getDeclineCode(),
                payment.getGatewayReference(),
                payment.getProcessedAt(),
                payment.getPointsRedeemed()),
        map(
            stored.getRefunds(),
            refund ->
                new Refund(
                    refund.getRefundId(),
                    refund.getStatus(),
                    refund.getAmountMinor(),
                    refund.getCurrency(),
                    refund.getReason(),
                    refund.getRejectionCode(),
                    refund.getRefundedTotalMinor(),
                    refund.getProcessedAt())),
        stored.getRefundedMinor(),
        map(
            stored.getHistory(),
            change -> new StatusChange(state(change.getStatus()), change.getAt())),
        review(stored.getReview()));
  }

  private static Review review(StoredReview review) {
    return review == null
        ? null
        : new Review(
            review.getDecisionId(),
            review.getDecision(),
            review.getReviewer(),
            review.getNote(),
            review.getDecidedAt());
  }

  private static Order order(StoredOrder order) {
    StoredPaymentMethod method = order.getPaymentMethod();
    return new Order(
        order.getCustomerId(),
        order.getAmountMinor(),
        order.getCurrency(),
        map(
            order.getItems(),
            item -> new Item(item.getSku(), item.getQuantity(), item.getUnitAmountMinor())),
        method == null
            ? null
            : new PaymentMethod(
                method.getToken(),
                method.getBrand(),
                method.getLast4(),
                method.getIssuingCountry()),
        order.getShippingCountry(),
        order.getChannel(),
        order.getPlacedAt(),
        order.getCoupon() == null
            ? null
            : new OrderStatus.Coupon(
                order.getCoupon().getCode(), order.getCoupon().getDiscountMinor()),
        order.getPointsToRedeem());
  }

  private static String name(OrderState state) {
    return state == null ? null : state.name();
  }

  private static OrderState state(String name) {
    return name == null ? null : OrderState.valueOf(name);
  }

  private static <A, B> List<B> map(List<A> values, Function<A, B> each) {
    return values == null ? List.of() : values.stream().map(each).toList();
  }

  /** A row of the release before: binary format 1, or JSON from before that. */
  private static OrderStatus readPrevious(byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
      return new JsonSerde<>(OrderStatus.class).deserializer().deserialize(null, bytes);
    }
    In in = new In(bytes);
    try {
      byte version = in.readByte();
      if (version != PREVIOUS_VERSION) {
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

  private interface Reader<T> {
    T read() throws IOException;
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
