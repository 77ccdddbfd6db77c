package io.payrail.risk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.VerificationStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** risk-streams' store values: Avro now, and what the release before wrote still reads. */
class StoreValuesTest {

  private static final String STORE = "store";

  private final Serde<RecentOrder> orders = RecentOrder.serde();
  private final Serde<CustomerProfile> profiles = CustomerProfile.serde();

  @Test
  void valuesRoundTripInAvrosSingleObjectEncoding() {
    RecentOrder order = new RecentOrder("o-ü-1", Long.MAX_VALUE, "EUR", "tok_visa");
    CustomerProfile profile =
        new CustomerProfile(
            -1_000,
            Map.of(
                "EUR", new CustomerProfile.UsualAmount(12, 4_999),
                "JPY", new CustomerProfile.UsualAmount(1, 700)));

    byte[] orderBytes = orders.serializer().serialize(STORE, order);
    byte[] profileBytes = profiles.serializer().serialize(STORE, profile);

    assertThat(orderBytes).startsWith(0xC3, 0x01);
    assertThat(orders.deserializer().deserialize(STORE, orderBytes)).isEqualTo(order);
    assertThat(profiles.deserializer().deserialize(STORE, profileBytes)).isEqualTo(profile);
    assertThat(orders.deserializer().deserialize(STORE, null)).isNull();
  }

  @Test
  void valuesWrittenByTheReleaseBeforeAvroStillRead() throws IOException {
    ByteArrayOutputStream order = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(order)) {
      out.writeByte(1);
      out.writeUTF("o-1");
      out.writeLong(4_999);
      out.writeUTF("EUR");
      out.writeUTF("tok_visa");
    }
    ByteArrayOutputStream profile = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(profile)) {
      out.writeByte(1);
      out.writeLong(1_000);
      out.writeInt(1);
      out.writeUTF("EUR");
      out.writeLong(3);
      out.writeLong(2_500);
    }

    assertThat(orders.deserializer().deserialize(STORE, order.toByteArray()))
        .isEqualTo(new RecentOrder("o-1", 4_999, "EUR", "tok_visa"));
    assertThat(profiles.deserializer().deserialize(STORE, profile.toByteArray()))
        .isEqualTo(
            new CustomerProfile(1_000, Map.of("EUR", new CustomerProfile.UsualAmount(3, 2_500))));
  }

  @Test
  void garbageAndTruncatedValuesAreSerializationErrors() {
    byte[] valid =
        profiles
            .serializer()
            .serialize(
                STORE,
                new CustomerProfile(0, Map.of("EUR", new CustomerProfile.UsualAmount(1, 1))));
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);

    assertThatThrownBy(() -> profiles.deserializer().deserialize(STORE, new byte[] {42, 42}))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> profiles.deserializer().deserialize(STORE, truncated))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void verificationsRoundTripAndUnreadableOnesAreRefused() {
    Serde<Verification> verifications = Verification.serde();
    Verification verified =
        new Verification(VerificationStatus.VERIFIED, Instant.parse("2027-01-01T00:00:00Z"));

    byte[] bytes = verifications.serializer().serialize(STORE, verified);

    assertThat(bytes).startsWith(0xC3, 0x01);
    assertThat(verifications.deserializer().deserialize(STORE, bytes)).isEqualTo(verified);
    assertThat(
            verifications
                .deserializer()
                .deserialize(STORE, verifications.serializer().serialize(STORE, Verification.NONE)))
        .isEqualTo(Verification.NONE);
    assertThatThrownBy(() -> verifications.deserializer().deserialize(STORE, new byte[] {1, 2}))
        .isInstanceOf(SerializationException.class);
  }
}
