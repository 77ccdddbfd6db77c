package io.payrail.loyalty.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.loyalty.rules.OrderLoyalty;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class OrderLoyaltySerdeTest {

  private static final String TOPIC = "loyalty-orders-changelog";

  private final OrderLoyaltySerde serde = new OrderLoyaltySerde();

  @Test
  void everyFieldRoundTrips() {
    OrderLoyalty order =
        new OrderLoyalty(
            "o-1",
            "EUR",
            1_793_527_200_000L,
            50_000,
            750,
            20_000,
            300,
            Set.of("pay-o-1", "pay-o-1-retry"),
            Set.of("ref-1", "ref-2", "ref-3"));

    assertThat(roundTrip(order)).isEqualTo(order);
  }

  @Test
  void emptySetsAndNullStringsRoundTrip() {
    OrderLoyalty order = new OrderLoyalty(null, null, 0, 0, 0, 0, 0, Set.of(), Set.of());

    OrderLoyalty read = roundTrip(order);

    assertThat(read).isEqualTo(order);
    assertThat(read.paymentIds()).isEmpty();
    assertThat(read.refundIds()).isEmpty();
  }

  @Test
  void unicodeRoundTrips() {
    OrderLoyalty order =
        new OrderLoyalty(
            "bestellung-東京-😀",
            "JPY",
            -1,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            0,
            0,
            Set.of("zahlung-ü"),
            Set.of("rückerstattung-ß", ""));

    assertThat(roundTrip(order)).isEqualTo(order);
  }

  @Test
  void readsJsonWrittenBeforeTheBinaryFormat() {
    OrderLoyalty order =
        new OrderLoyalty(
            "o-legacy",
            "USD",
            1_793_527_200_000L,
            10_000,
            92,
            5_000,
            46,
            Set.of("pay-o-legacy"),
            Set.of("ref-legacy"));
    byte[] json = new JsonSerde<>(OrderLoyalty.class).serializer().serialize(TOPIC, order);

    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(serde.deserializer().deserialize(TOPIC, json)).isEqualTo(order);
  }

  @Test
  void anUnknownFormatVersionIsRejected() {
    byte[] bytes = serde.serializer().serialize(TOPIC, order());
    bytes[0] = (byte) 0xff;

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("OrderLoyalty")
        .hasMessageContaining("unknown format version -1");
  }

  @Test
  void truncatedBytesAreRejected() {
    byte[] bytes = serde.serializer().serialize(TOPIC, order());

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
          .as("first %d of %d bytes", length, bytes.length)
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void aRepeatedIdIsRejected() {
    OrderLoyalty twoIds =
        new OrderLoyalty("o-1", "EUR", 0, 0, 0, 0, 0, Set.of("p-a", "p-b"), Set.of());
    byte[] bytes = serde.serializer().serialize(TOPIC, twoIds);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    byte[] repeated = text.replace("p-b", "p-a").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, repeated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("duplicate");
  }

  private static OrderLoyalty order() {
    return new OrderLoyalty("o-1", "EUR", 0, 100, 1, 0, 0, Set.of("pay-o-1"), Set.of());
  }

  private OrderLoyalty roundTrip(OrderLoyalty order) {
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, order));
  }
}
