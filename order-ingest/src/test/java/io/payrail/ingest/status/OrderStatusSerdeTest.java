package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.ingest.status.OrderStatus.Item;
import io.payrail.ingest.status.OrderStatus.Order;
import io.payrail.ingest.status.OrderStatus.Payment;
import io.payrail.ingest.status.OrderStatus.PaymentMethod;
import io.payrail.ingest.status.OrderStatus.Reason;
import io.payrail.ingest.status.OrderStatus.Refund;
import io.payrail.ingest.status.OrderStatus.Review;
import io.payrail.ingest.status.OrderStatus.Risk;
import io.payrail.ingest.status.OrderStatus.StatusChange;
import io.payrail.ingest.status.store.StoredOrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The view's store serde: exact round trips in Avro, rows of the release before (binary format 1,
 * JSON before it) still read, clear failures.
 */
class OrderStatusSerdeTest {

  private static final String TOPIC = "order-status-changelog";
  // Millisecond precision: every Instant of a row comes from a contract event's timestamp-millis.
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");

  private final OrderStatusSerde serde = new OrderStatusSerde();

  @Test
  void everyFieldSurvivesARoundTripExactly() {
    OrderStatus status = full();

    OrderStatus read = roundTrip(status);

    assertThat(read).isEqualTo(status);
    assertThat(read.history().get(0).at()).isEqualTo(T0);
    assertThat(read.order().items()).hasSize(2);
    assertThat(read.risk().reasons()).hasSize(2);
    assertThat(read.refunds()).extracting(Refund::refundId).containsExactly("r-1", "r-2");
  }

  @Test
  void anOrdersCouponSurvivesARoundTripAndGivesTheCharge() {
    OrderStatus full = full();
    Order base = full.order();
    Order withCoupon =
        new Order(
            base.customerId(),
            base.amountMinor(),
            base.currency(),
            base.items(),
            base.paymentMethod(),
            base.shippingCountry(),
            base.channel(),
            base.placedAt(),
            new OrderStatus.Coupon("SUMMER-10", 7));
    OrderStatus status =
        new OrderStatus(
            full.orderId(),
            full.merchantId(),
            full.status(),
            withCoupon,
            full.risk(),
            full.payment(),
            full.refunds(),
            full.refundedMinor(),
            full.history(),
            full.review());

    OrderStatus read = roundTrip(status);

    assertThat(read).isEqualTo(status);
    assertThat(read.order().coupon()).isEqualTo(new OrderStatus.Coupon("SUMMER-10", 7));
    assertThat(read.order().chargeMinor()).isEqualTo(base.amountMinor() - 7);
    assertThat(full.order().chargeMinor()).isEqualTo(base.amountMinor());
  }

  @Test
  void anOrdersPointsAndItsPaymentsPointsRedeemedSurviveARoundTrip() {
    OrderStatus full = full();
    Order base = full.order();
    Order withPoints =
        new Order(
            base.customerId(),
            base.amountMinor(),
            base.currency(),
            base.items(),
            base.paymentMethod(),
            base.shippingCountry(),
            base.channel(),
            base.placedAt(),
            new OrderStatus.Coupon("SUMMER-10", 7),
            500L);
    Payment paid = full.payment();
    Payment withPointsRedeemed =
        new Payment(
            paid.paymentId(),
            paid.status(),
            base.amountMinor() - 7 - 500,
            paid.currency(),
            null,
            paid.gatewayReference(),
            paid.processedAt(),
            500);
    OrderStatus status =
        new OrderStatus(
            full.orderId(),
            full.merchantId(),
            full.status(),
            withPoints,
            full.risk(),
            withPointsRedeemed,
            full.refunds(),
            full.refundedMinor(),
            full.history(),
            full.review());

    OrderStatus read = roundTrip(status);

    assertThat(read).isEqualTo(status);
    assertThat(read.order().pointsToRedeem()).isEqualTo(500L);
    assertThat(read.order().chargeMinor()).isEqualTo(base.amountMinor() - 7 - 500);
    assertThat(read.payment().pointsRedeemed()).isEqualTo(500);
    // Without points: none, not 0 points.
    assertThat(roundTrip(full).order().pointsToRedeem()).isNull();
    assertThat(roundTrip(full).payment().pointsRedeemed()).isZero();
  }

  /** Rows of store schema v3 (coupons, before points) read as orders without points. */
  @Test
  void aCouponRowWrittenBeforePointsReadsWithoutPoints() throws IOException {
    Schema v3 = OrderStatusSerde.historicSchema("v3");
    OrderStatus full = full();
    Order base = full.order();
    OrderStatus withCoupon =
        new OrderStatus(
            full.orderId(),
            full.merchantId(),
            full.status(),
            new Order(
                base.customerId(),
                base.amountMinor(),
                base.currency(),
                base.items(),
                base.paymentMethod(),
                base.shippingCountry(),
                base.channel(),
                base.placedAt(),
                new OrderStatus.Coupon("SUMMER-10", 7)),
            full.risk(),
            full.payment(),
            full.refunds(),
            full.refundedMinor(),
            full.history(),
            full.review());
    BinaryMessageDecoder<GenericRecord> asV3 = new BinaryMessageDecoder<>(GenericData.get(), v3);
    asV3.addSchema(StoredOrderStatus.SCHEMA$);
    GenericRecord v3Row = asV3.decode(serde.serializer().serialize(TOPIC, withCoupon));
    byte[] written =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3).encode(v3Row).array();

    OrderStatus read = serde.deserializer().deserialize(TOPIC, written);

    assertThat(read).isEqualTo(withCoupon);
    assertThat(read.order().pointsToRedeem()).isNull();
    assertThat(read.order().chargeMinor()).isEqualTo(base.amountMinor() - 7);
    assertThat(read.payment().pointsRedeemed()).isZero();
  }

  @Test
  void absentValuesStayAbsent() {
    OrderStatus empty = OrderStatus.empty();
    Order sparse = new Order(null, 0, null, null, null, null, null, null).withoutPlacedAt();
    OrderStatus nulls =
        new OrderStatus(
            "o-nulls",
            null,
            null,
            sparse,
            new Risk(0, null, null, null, null),
            new Payment(null, null, 0, null, null, null, null),
            List.of(new Refund(null, null, 0, null, null, null, 0, null)),
            0,
            List.of(new StatusChange(null, null)));

    assertThat(roundTrip(empty)).isEqualTo(empty);
    OrderStatus read = roundTrip(nulls);
    assertThat(read.order().customerId()).isNull();
    assertThat(read.order().paymentMethod()).isNull();
    assertThat(read.risk().decision()).isNull();
    assertThat(read.payment().paymentId()).isNull();
    assertThat(read.refunds().get(0).refundId()).isNull();
    assertThat(read.history().get(0).status()).isNull();
    // An absent list is stored as an empty one.
    assertThat(read.order().items()).isEmpty();
    assertThat(read.risk().reasons()).isEmpty();
  }

  @Test
  void emptyAndLongListsSurvive() {
    Order noItems =
        new Order(
            "c", 1, "EUR", List.of(), new PaymentMethod("t", "b", "1234", "DE"), "DE", "WEB", T0);
    List<StatusChange> longHistory =
        Arrays.stream(OrderState.values())
            .map(state -> new StatusChange(state, T0.plusMillis(state.ordinal())))
            .toList();
    OrderStatus status =
        new OrderStatus(
            "o-lists",
            "m",
            OrderState.REFUNDED,
            noItems,
            new Risk(1, "APPROVE", List.of(), "v1", T0),
            null,
            List.of(),
            0,
            longHistory);

    assertThat(roundTrip(status)).isEqualTo(status);
    assertThat(roundTrip(status).history()).hasSize(OrderState.values().length);
  }

  @Test
  void unicodeStringsSurvive() {
    String text = "Zoë's 注文 🚀 \u0000 café";
    OrderStatus status =
        new OrderStatus(
            "o-ünïcode-订单",
            "merchant-ß",
            OrderState.RECEIVED,
            new Order(text, 5, "EUR", List.of(new Item("sku-😀", 1, 5)), null, "DE", "WEB", T0),
            new Risk(3, "REVIEW", List.of(new Reason("rule-✓", 3, text)), "v", T0),
            null,
            List.of(),
            0,
            List.of(new StatusChange(OrderState.RECEIVED, T0)));

    assertThat(roundTrip(status)).isEqualTo(status);
  }

  @Test
  void instantsBeforeTheEpochAndFarAheadSurvive() {
    for (Instant at :
        List.of(
            Instant.EPOCH.minusMillis(1),
            Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("2999-12-31T23:59:59.999Z"))) {
      OrderStatus status =
          new OrderStatus(
              "o-t",
              "m",
              OrderState.RECEIVED,
              null,
              null,
              null,
              List.of(),
              0,
              List.of(new StatusChange(OrderState.RECEIVED, at)));
      assertThat(roundTrip(status).history().get(0).at()).isEqualTo(at);
    }
  }

  @Test
  void jsonRowsWrittenBeforeThisCodecAreStillRead() {
    OrderStatus status = full();
    byte[] legacy = new JsonSerde<>(OrderStatus.class).serializer().serialize(TOPIC, status);

    assertThat(legacy[0]).isEqualTo((byte) '{');
    assertThat(serde.deserializer().deserialize(TOPIC, legacy)).isEqualTo(status);
  }

  /** JSON rows were written long before points: a payment without pointsRedeemed reads as 0. */
  @Test
  void jsonRowsWithoutPointsReadAsNone() {
    String legacy =
        """
        {"orderId":"o-json","merchantId":"m","status":"PAID",
         "order":{"customerId":"c","amountMinor":100,"currency":"EUR","items":[],"placedAt":null},
         "payment":{"paymentId":"p","status":"CAPTURED","amountMinor":100,"currency":"EUR"},
         "refunds":[],"refundedMinor":0,"history":[]}
        """;

    OrderStatus read =
        serde.deserializer().deserialize(TOPIC, legacy.getBytes(StandardCharsets.UTF_8));

    assertThat(read.order().pointsToRedeem()).isNull();
    assertThat(read.order().chargeMinor()).isEqualTo(100);
    assertThat(read.payment().pointsRedeemed()).isZero();
  }

  @Test
  void binaryRowsOfTheReleaseBeforeAreStillRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(OrderStatusSerde.PREVIOUS_VERSION);
      string(out, "order-1");
      string(out, "merchant-1");
      out.writeBoolean(true);
      string(out, "RECEIVED");
      out.writeBoolean(false); // no order
      out.writeBoolean(false); // no risk
      out.writeBoolean(false); // no payment
      out.writeInt(0); // no refunds
      out.writeLong(0);
      out.writeInt(1); // one status change
      out.writeBoolean(true);
      string(out, "RECEIVED");
      out.writeBoolean(true);
      out.writeLong(T0.getEpochSecond());
      out.writeInt(T0.getNano());
    }

    assertThat(serde.deserializer().deserialize(TOPIC, bytes.toByteArray()))
        .isEqualTo(
            new OrderStatus(
                "order-1",
                "merchant-1",
                OrderState.RECEIVED,
                null,
                null,
                null,
                List.of(),
                0,
                List.of(new StatusChange(OrderState.RECEIVED, T0))));
  }

  @Test
  void aReviewSurvivesARoundTrip() {
    OrderStatus full = full();
    OrderStatus reviewed =
        new OrderStatus(
            full.orderId(),
            full.merchantId(),
            OrderState.REJECTED_BY_REVIEW,
            full.order(),
            full.risk(),
            full.payment(),
            full.refunds(),
            full.refundedMinor(),
            full.history(),
            new Review("d-1", "REJECT", "reviewer-7", "Ünïcode note", T0.plusSeconds(9)));

    assertThat(roundTrip(reviewed)).isEqualTo(reviewed);
  }

  /** Rows the release before this one wrote (store schema v1, before reviews) are still read. */
  @Test
  void avroRowsOfEveryEarlierStoreSchemaAreStillRead() throws IOException {
    for (String version : OrderStatusSerde.SCHEMA_HISTORY) {
      Schema old = OrderStatusSerde.historicSchema(version);
      assertThat(
              SchemaCompatibility.checkReaderWriterCompatibility(StoredOrderStatus.SCHEMA$, old)
                  .getType())
          .as("the current store schema reads %s", version)
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
      // full() as the old schema wrote it: resolved to the old schema, then encoded with it.
      BinaryMessageDecoder<GenericRecord> asOld =
          new BinaryMessageDecoder<>(GenericData.get(), old);
      asOld.addSchema(StoredOrderStatus.SCHEMA$);
      GenericRecord oldRow = asOld.decode(serde.serializer().serialize(TOPIC, full()));
      byte[] written =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(oldRow).array();

      OrderStatus read = serde.deserializer().deserialize(TOPIC, written);

      assertThat(read).as(version).isEqualTo(full());
      assertThat(read.review()).isNull();
    }
  }

  @Test
  void newRowsAreAvroSingleObjectsAndSmallerThanJson() {
    OrderStatus status = full();
    byte[] avro = serde.serializer().serialize(TOPIC, status);
    byte[] json = new JsonSerde<>(OrderStatus.class).serializer().serialize(TOPIC, status);

    assertThat(avro).startsWith(0xC3, 0x01);
    assertThat(avro.length).isLessThan(json.length / 2);
  }

  @Test
  void nullIsNull() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void unknownVersionIsAClearError() {
    byte[] bytes = {2, 0, 0, 0, 0};

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("OrderStatus")
        .hasMessageContaining("unknown format version 2");
  }

  @Test
  void garbageIsAClearError() {
    byte[] valid = serde.serializer().serialize(TOPIC, full());
    byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
    byte[] hugeLength = {OrderStatusSerde.PREVIOUS_VERSION, 0x7f, 0, 0, 0, 'x'};
    byte[] unknownSchema = serde.serializer().serialize(TOPIC, OrderStatus.empty());
    unknownSchema[9] ^= 0x55;

    for (byte[] garbage :
        List.of(
            new byte[0],
            truncated,
            hugeLength,
            unknownSchema,
            "{not json".getBytes(StandardCharsets.UTF_8))) {
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, garbage))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("cannot read OrderStatus");
    }
  }

  @Test
  void equalOrdersHaveEqualBytesAndDifferentOnesDoNot() {
    Order order = full().order();
    Order other =
        new Order(
            order.customerId() + "x",
            order.amountMinor(),
            order.currency(),
            order.items(),
            order.paymentMethod(),
            order.shippingCountry(),
            order.channel(),
            order.placedAt());

    assertThat(OrderStatusSerde.orderBytes(order))
        .isEqualTo(OrderStatusSerde.orderBytes(roundTrip(full()).order()))
        .isNotEqualTo(OrderStatusSerde.orderBytes(other));
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private OrderStatus roundTrip(OrderStatus status) {
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, status));
  }

  private static OrderStatus full() {
    Order order =
        new Order(
            "customer-1",
            3999,
            "EUR",
            List.of(new Item("sku-1", 2, 1500), new Item("sku-2", 1, 999)),
            new PaymentMethod("tok_abc", "visa", "4242", "DE"),
            "DE",
            "WEB",
            T0);
    Risk risk =
        new Risk(
            42,
            "APPROVE",
            List.of(new Reason("velocity", 30, "3 in 1 min"), new Reason("amount", 12, null)),
            "rules-7",
            T0.plusSeconds(1));
    Payment payment =
        new Payment("pay-1", "CAPTURED", 3999, "EUR", null, "gw-ref-1", T0.plusSeconds(2));
    List<Refund> refunds =
        List.of(
            new Refund("r-1", "COMPLETED", 1000, "EUR", "damaged", null, 1000, T0.plusSeconds(3)),
            new Refund("r-2", "REJECTED", 5000, "EUR", "x", "exceeds", 1000, T0.plusSeconds(4)));
    List<StatusChange> history =
        List.of(
            new StatusChange(OrderState.RECEIVED, T0),
            new StatusChange(OrderState.APPROVED, T0.plusSeconds(1)),
            new StatusChange(OrderState.PAID, T0.plusSeconds(2)),
            new StatusChange(OrderState.PARTIALLY_REFUNDED, T0.plusSeconds(3)));
    return new OrderStatus(
        "order-1",
        "merchant-1",
        OrderState.PARTIALLY_REFUNDED,
        order,
        risk,
        payment,
        refunds,
        1000,
        history);
  }
}
