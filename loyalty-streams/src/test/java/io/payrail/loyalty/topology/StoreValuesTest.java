package io.payrail.loyalty.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.PointsReservationStatus;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import io.payrail.loyalty.rules.Redemption;
import io.payrail.loyalty.store.StoredCustomerLoyalty;
import io.payrail.loyalty.store.StoredOrderLoyalty;
import io.payrail.schemas.keys.CustomerKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * loyalty-streams' store values: Avro's single-object encoding now, and both encodings of the
 * releases before (binary format 1, and JSON before it) still read, for the two-step rollout.
 */
class StoreValuesTest {

  private static final String TOPIC = "loyalty-balances-by-merchant-customer-changelog";
  private static final CustomerLoyalty CUSTOMER =
      new CustomerLoyalty(
          "merchant-1",
          "c-42-ü",
          1_234,
          0,
          56,
          LoyaltyTier.GOLD,
          Map.of("EUR", 600_000L, "JPY", 1_000_000L, "BHD", 12_345L),
          Long.MAX_VALUE,
          new PointsChange(LoyaltySource.REFUND, "ref-7", "o-7", 2_500, "EUR", -25),
          Instant.parse("2026-11-01T10:00:00.123Z"));
  private static final OrderLoyalty ORDER =
      new OrderLoyalty(
          "o-7",
          "EUR",
          1_700_000_000_000L,
          10_000,
          100,
          2_500,
          25,
          Set.of("pay-o-7"),
          Set.of(),
          null,
          null);

  /** A customer with points reserved, and an order with its answer, closed by its capture. */
  private static final CustomerLoyalty RESERVING =
      new CustomerLoyalty(
          "merchant-1",
          "c-42-ü",
          1_000,
          234,
          0,
          LoyaltyTier.BRONZE,
          Map.of("EUR", 10_000L),
          10_000,
          new PointsChange(LoyaltySource.RESERVATION, "o-8", "o-8", 234, "EUR", -234),
          Instant.parse("2026-11-01T10:00:00.123Z"));

  private static final OrderLoyalty ANSWERED =
      new OrderLoyalty(
          "o-8",
          "EUR",
          1_700_000_000_000L,
          10_000,
          100,
          0,
          0,
          Set.of("pay-o-8"),
          Set.of(),
          new Redemption(
              "o-8",
              "merchant-1",
              "c-42-ü",
              234,
              PointsReservationStatus.RESERVED,
              null,
              1_000,
              Instant.parse("2026-11-01T10:00:00.123Z")),
          "CAPTURED");

  private static final OrderLoyalty REFUSED =
      new OrderLoyalty(
          "o-9",
          "EUR",
          1_700_000_000_000L,
          0,
          0,
          0,
          0,
          Set.of(),
          Set.of(),
          new Redemption(
              "o-9",
              "merchant-1",
              "c-42-ü",
              5_000,
              PointsReservationStatus.REFUSED,
              "insufficient_points",
              1_000,
              Instant.parse("2026-11-01T10:00:01Z")),
          null);

  private final Serde<CustomerLoyalty> customers = LoyaltyStoreSerdes.customers();
  private final Serde<OrderLoyalty> orders = LoyaltyStoreSerdes.orders();

  @Test
  void valuesRoundTripInAvrosSingleObjectEncoding() {
    byte[] bytes = customers.serializer().serialize(TOPIC, CUSTOMER);

    assertThat(bytes).startsWith(0xC3, 0x01);
    assertThat(customers.deserializer().deserialize(TOPIC, bytes)).isEqualTo(CUSTOMER);
    CustomerLoyalty newCustomer =
        CustomerLoyalty.newCustomer(new CustomerKey("merchant-1", "c-new"));
    assertThat(roundTrip(customers, newCustomer)).isEqualTo(newCustomer);
    assertThat(roundTrip(orders, ORDER)).isEqualTo(ORDER);
    assertThat(roundTrip(customers, RESERVING)).isEqualTo(RESERVING);
    assertThat(roundTrip(orders, ANSWERED)).isEqualTo(ANSWERED);
    assertThat(roundTrip(orders, REFUSED)).isEqualTo(REFUSED);
    assertThat(customers.serializer().serialize(TOPIC, null)).isNull();
    assertThat(customers.deserializer().deserialize(TOPIC, null)).isNull();
  }

  /**
   * Avro values of the releases before still read: v1 (before reservations) as nothing reserved, no
   * answer, not closed; v1 and v2 customers (keyed by customerId alone) with an empty merchantId.
   */
  @Test
  void avroValuesOfEveryEarlierStoreSchemaStillRead() throws IOException {
    CustomerLoyalty withoutMerchant =
        new CustomerLoyalty(
            "",
            CUSTOMER.customerId(),
            CUSTOMER.points(),
            CUSTOMER.reservedPoints(),
            CUSTOMER.pointsShortfall(),
            CUSTOMER.tier(),
            CUSTOMER.lifetimeSpendMinor(),
            CUSTOMER.tierSpendMinor(),
            CUSTOMER.lastChange(),
            CUSTOMER.updatedAt());
    assertThat(LoyaltyStoreSerdes.CUSTOMER_SCHEMA_HISTORY).containsExactly("v1", "v2");
    for (String version : LoyaltyStoreSerdes.CUSTOMER_SCHEMA_HISTORY) {
      assertThat(asWrittenBy(customers, CUSTOMER, StoredCustomerLoyalty.SCHEMA$, version))
          .as(version)
          .isEqualTo(withoutMerchant);
    }
    for (String version : LoyaltyStoreSerdes.ORDER_SCHEMA_HISTORY) {
      assertThat(asWrittenBy(orders, ORDER, StoredOrderLoyalty.SCHEMA$, version))
          .as(version)
          .isEqualTo(ORDER);
    }
  }

  /** {@code value} written by an earlier schema: resolved to it, encoded with it, read back. */
  private static <T> T asWrittenBy(Serde<T> serde, T value, Schema current, String version)
      throws IOException {
    Schema old = LoyaltyStoreSerdes.historicSchema(current.getName(), version);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
        .as("the current store schema reads %s", version)
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    BinaryMessageDecoder<GenericRecord> asOld = new BinaryMessageDecoder<>(GenericData.get(), old);
    asOld.addSchema(current);
    GenericRecord oldValue = asOld.decode(serde.serializer().serialize(TOPIC, value));
    byte[] written =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(oldValue).array();
    assertThat(Arrays.copyOf(written, 10))
        .as("written with the old schema's fingerprint")
        .isNotEqualTo(Arrays.copyOf(serde.serializer().serialize(TOPIC, value), 10));
    return serde.deserializer().deserialize(TOPIC, written);
  }

  @Test
  void valuesInTheBinaryFormatOfTheReleaseBeforeStillRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(PreviousStoreEncoding.FORMAT_1);
      string(out, "o-7");
      string(out, "EUR");
      out.writeLong(1_700_000_000_000L);
      out.writeLong(10_000);
      out.writeLong(100);
      out.writeLong(2_500);
      out.writeLong(25);
      out.writeInt(1);
      string(out, "pay-o-7");
      out.writeInt(0);
    }

    assertThat(orders.deserializer().deserialize(TOPIC, bytes.toByteArray())).isEqualTo(ORDER);
  }

  @Test
  void valuesInJsonFromBeforeThatStillRead() {
    byte[] json = new JsonSerde<>(CustomerLoyalty.class).serializer().serialize(TOPIC, CUSTOMER);

    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(customers.deserializer().deserialize(TOPIC, json)).isEqualTo(CUSTOMER);
    // JSON of that time had no reservedPoints (nor an order's redemption and closedBy).
    byte[] older =
        new String(json, StandardCharsets.UTF_8)
            .replace("\"reservedPoints\":0,", "")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new String(older, StandardCharsets.UTF_8)).doesNotContain("reservedPoints");
    assertThat(customers.deserializer().deserialize(TOPIC, older)).isEqualTo(CUSTOMER);
  }

  @Test
  void unreadableValuesAreSerializationErrors() {
    byte[] bytes = customers.serializer().serialize(TOPIC, CUSTOMER);

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> customers.deserializer().deserialize(TOPIC, truncated))
          .as("first %d of %d bytes", length, bytes.length)
          .isInstanceOf(SerializationException.class);
    }
    assertThatThrownBy(() -> customers.deserializer().deserialize(TOPIC, new byte[] {2, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown format version 2");
    assertThatThrownBy(() -> customers.deserializer().deserialize(TOPIC, new byte[] {'{', 'x'}))
        .isInstanceOf(SerializationException.class);
  }

  private static <T> T roundTrip(Serde<T> serde, T value) {
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
