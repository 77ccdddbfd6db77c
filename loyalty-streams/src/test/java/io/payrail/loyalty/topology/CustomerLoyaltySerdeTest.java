package io.payrail.loyalty.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CustomerLoyaltySerdeTest {

  private static final String TOPIC = "loyalty-balances-by-customer-changelog";

  private final CustomerLoyaltySerde serde = new CustomerLoyaltySerde();

  @Test
  void everyFieldRoundTrips() {
    CustomerLoyalty customer =
        new CustomerLoyalty(
            "c-42",
            1_234,
            56,
            LoyaltyTier.GOLD,
            Map.of("EUR", 600_000L, "JPY", 1_000_000L, "BHD", 12_345L),
            Long.MAX_VALUE,
            new PointsChange(LoyaltySource.REFUND, "ref-7", "o-7", 2_500, "EUR", -25),
            Instant.parse("2026-11-01T10:00:00.123456789Z"));

    assertThat(roundTrip(customer)).isEqualTo(customer);
  }

  @Test
  void aNewCustomerWithoutChangeOrTimeRoundTrips() {
    CustomerLoyalty customer = CustomerLoyalty.newCustomer("c-new");

    CustomerLoyalty read = roundTrip(customer);

    assertThat(read).isEqualTo(customer);
    assertThat(read.lastChange()).isNull();
    assertThat(read.updatedAt()).isNull();
    assertThat(read.lifetimeSpendMinor()).isEmpty();
  }

  @Test
  void nullStringsAndEnumsRoundTrip() {
    CustomerLoyalty customer =
        new CustomerLoyalty(
            null,
            0,
            0,
            null,
            Map.of(),
            0,
            new PointsChange(null, null, null, 0, null, 0),
            Instant.EPOCH);

    assertThat(roundTrip(customer)).isEqualTo(customer);
  }

  @Test
  void unicodeAndNegativeInstantsRoundTrip() {
    CustomerLoyalty customer =
        new CustomerLoyalty(
            "kunde-ü-東京-😀",
            7,
            0,
            LoyaltyTier.BRONZE,
            Map.of("€ü", 1L),
            0,
            new PointsChange(LoyaltySource.PAYMENT, "zahlung-ß", "bestellung-ñ", 700, "EUR", 7),
            Instant.ofEpochSecond(-1, 999_999_999));

    assertThat(roundTrip(customer)).isEqualTo(customer);
  }

  @Test
  void readsJsonWrittenBeforeTheBinaryFormat() {
    CustomerLoyalty customer =
        new CustomerLoyalty(
            "c-legacy",
            100,
            3,
            LoyaltyTier.SILVER,
            Map.of("EUR", 150_000L, "USD", 20_000L),
            168_400,
            new PointsChange(LoyaltySource.PAYMENT, "pay-o-1", "o-1", 20_000, "USD", 200),
            Instant.parse("2026-11-01T10:00:00.5Z"));
    byte[] json = new JsonSerde<>(CustomerLoyalty.class).serializer().serialize(TOPIC, customer);

    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(serde.deserializer().deserialize(TOPIC, json)).isEqualTo(customer);
  }

  @Test
  void writesTheBinaryFormatNotJson() {
    byte[] bytes = serde.serializer().serialize(TOPIC, CustomerLoyalty.newCustomer("c-1"));

    assertThat(bytes[0]).isEqualTo(BinaryStoreSerde.FORMAT_1).isNotEqualTo((byte) '{');
  }

  @Test
  void nullStaysNull() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void anUnknownFormatVersionIsRejected() {
    byte[] bytes = serde.serializer().serialize(TOPIC, CustomerLoyalty.newCustomer("c-1"));
    bytes[0] = 2;

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("CustomerLoyalty")
        .hasMessageContaining("unknown format version 2");
  }

  @Test
  void truncatedBytesAreRejected() {
    byte[] bytes = serde.serializer().serialize(TOPIC, CustomerLoyalty.newCustomer("c-1"));

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
          .as("first %d of %d bytes", length, bytes.length)
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] bytes = serde.serializer().serialize(TOPIC, CustomerLoyalty.newCustomer("c-1"));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void garbageIsRejected() {
    byte[] hugeLength = {BinaryStoreSerde.FORMAT_1, 0x7f, -1, -1, -1};
    byte[] unknownTier = bytesWithTier("COPPER");

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, hugeLength))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bad length");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, unknownTier))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("COPPER");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {'{', 'x'}))
        .isInstanceOf(SerializationException.class);
  }

  /** A new customer's bytes with the tier's name replaced, same length as "BRONZE". */
  private byte[] bytesWithTier(String tier) {
    byte[] bytes = serde.serializer().serialize(TOPIC, CustomerLoyalty.newCustomer("c-1"));
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(tier).hasSize("BRONZE".length());
    return text.replace("BRONZE", tier).getBytes(StandardCharsets.ISO_8859_1);
  }

  private CustomerLoyalty roundTrip(CustomerLoyalty customer) {
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, customer));
  }
}
