package io.payrail.ingest.customer;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltyBalance;
import java.time.Instant;
import java.util.Objects;

/**
 * A member as the facade shows it: the profile and, once loyalty-streams has opened it, the
 * balance. {@link Loyalty} alone is also the answer of {@code GET
 * /v1/customers/{customerId}/loyalty}, so both calls show a balance the same way.
 *
 * @param loyalty null until loyalty-streams has opened the balance (moments after registering)
 */
public record CustomerAnswer(
    String customerId,
    String displayName,
    String emailSha256,
    String contactReference,
    String country,
    Instant createdAt,
    Loyalty loyalty) {

  /**
   * @param points available points (those reserved for unpaid orders excluded)
   * @param reservedPoints points reserved for orders not yet paid: spent when the order's payment
   *     is captured, available again when it ends otherwise
   * @param tier BRONZE, SILVER, GOLD or PLATINUM
   * @param updatedAt event time of the balance's last change
   */
  public record Loyalty(long points, long reservedPoints, String tier, Instant updatedAt) {

    static Loyalty of(LoyaltyBalance balance) {
      return new Loyalty(
          balance.getPoints(),
          balance.getReservedPoints(),
          balance.getTier().name(),
          balance.getUpdatedAt());
    }
  }

  static CustomerAnswer of(CustomerRegistered profile, LoyaltyBalance balance) {
    return new CustomerAnswer(
        profile.getCustomerId(),
        profile.getDisplayName(),
        profile.getEmailSha256(),
        profile.getContactReference(),
        profile.getCountry(),
        profile.getCreatedAt(),
        balance == null ? null : Loyalty.of(balance));
  }

  /** Whether a registration asks for this profile: everything but the time it was made. */
  boolean sameProfileAs(CustomerRegistered registration) {
    return customerId.equals(registration.getCustomerId())
        && displayName.equals(registration.getDisplayName())
        && Objects.equals(emailSha256, registration.getEmailSha256())
        && Objects.equals(contactReference, registration.getContactReference())
        && country.equals(registration.getCountry());
  }
}
