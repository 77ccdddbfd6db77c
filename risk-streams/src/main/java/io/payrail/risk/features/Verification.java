package io.payrail.risk.features;

import io.payrail.events.CustomerVerification;
import io.payrail.events.VerificationStatus;
import io.payrail.risk.store.StoredVerification;
import io.payrail.schemas.store.StoreValueSerde;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A customer's verification as far as the rules need it: its status and when it expires. A customer
 * without a record is {@link #NONE}: unverified.
 *
 * @param status the status the provider last reported
 * @param expiresAt when a VERIFIED status stops being valid; null when it does not expire
 */
public record Verification(VerificationStatus status, Instant expiresAt) {

  /** The customer has no verification record. */
  public static final Verification NONE = new Verification(VerificationStatus.UNVERIFIED, null);

  public Verification {
    if (status == null) {
      throw new IllegalArgumentException("a verification has a status");
    }
  }

  public static Verification of(CustomerVerification record) {
    return record == null ? NONE : new Verification(record.getStatus(), record.getExpiresAt());
  }

  /**
   * The status at {@code placedAt}: a VERIFIED record whose {@code expiresAt} is not after the
   * order is EXPIRED for it, whether or not the provider has said so yet.
   */
  public VerificationStatus statusAt(Instant placedAt) {
    return status == VerificationStatus.VERIFIED
            && expiresAt != null
            && !placedAt.isBefore(expiresAt)
        ? VerificationStatus.EXPIRED
        : status;
  }

  /**
   * The changelogged store's serde: {@code StoredVerification.avsc} in Avro's single-object
   * encoding (not part of the contract; see {@link StoreValueSerde}).
   */
  public static Serde<Verification> serde() {
    return new StoreValueSerde<>(
        "Verification",
        StoredVerification.getEncoder(),
        StoredVerification.getDecoder(),
        verification -> new StoredVerification(verification.status.name(), verification.expiresAt),
        stored ->
            new Verification(VerificationStatus.valueOf(stored.getStatus()), stored.getExpiresAt()),
        bytes -> {
          throw new SerializationException("Verification has no earlier encoding");
        });
  }
}
