package io.payrail.loyalty.points;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;

/**
 * Micrometer counters of the ledger. Counted as records are processed: a transaction that aborts
 * and replays counts twice, so these are for dashboards, the topic is the record.
 */
public final class MicrometerLoyaltyMetrics implements LoyaltyMetrics {

  public static final String POINTS_EARNED = "payrail.loyalty.points.earned";
  public static final String POINTS_TAKEN_BACK = "payrail.loyalty.points.taken.back";
  public static final String POINTS_SHORTFALL = "payrail.loyalty.points.shortfall";
  public static final String DUPLICATES = "payrail.loyalty.events.duplicate";
  public static final String BALANCES = "payrail.loyalty.balances.published";
  public static final String TIER_CHANGES = "payrail.loyalty.tier.changes";
  public static final String DEAD_LETTERS = "payrail.loyalty.dead.letters";

  /** Reservations made; {@link #POINTS_RESERVED} counts their points. */
  public static final String RESERVATIONS_RESERVED = "payrail.loyalty.reservations.reserved";

  /** Requests to redeem refused, by {@code reason}. */
  public static final String RESERVATIONS_REFUSED = "payrail.loyalty.reservations.refused";

  /** Reservations spent by a capture; {@link #POINTS_SPENT} counts their points. */
  public static final String RESERVATIONS_SPENT = "payrail.loyalty.reservations.spent";

  /** Reservations released by a payment that ended otherwise; {@link #POINTS_RELEASED}. */
  public static final String RESERVATIONS_RELEASED = "payrail.loyalty.reservations.released";

  public static final String POINTS_RESERVED = "payrail.loyalty.points.reserved";
  public static final String POINTS_SPENT = "payrail.loyalty.points.spent";
  public static final String POINTS_RELEASED = "payrail.loyalty.points.released";

  /** Orders redeeming points that loyalty skipped as unreadable or breaking the contract. */
  public static final String ORDERS_SKIPPED = "payrail.loyalty.orders.skipped";

  private final MeterRegistry registry;
  private final Counter earned;
  private final Counter takenBack;
  private final Counter shortfall;

  public MicrometerLoyaltyMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.earned = registry.counter(POINTS_EARNED);
    this.takenBack = registry.counter(POINTS_TAKEN_BACK);
    this.shortfall = registry.counter(POINTS_SHORTFALL);
  }

  @Override
  public void pointsEarned(long points) {
    earned.increment(points);
  }

  @Override
  public void pointsTakenBack(long points) {
    takenBack.increment(points);
  }

  @Override
  public void pointsShortfall(long points) {
    shortfall.increment(points);
  }

  @Override
  public void duplicateIgnored(LoyaltySource source) {
    registry.counter(DUPLICATES, "source", source.name()).increment();
  }

  @Override
  public void balancePublished(LoyaltyTier tier) {
    registry.counter(BALANCES, "tier", tier.name()).increment();
  }

  @Override
  public void tierChanged(LoyaltyTier from, LoyaltyTier to) {
    registry.counter(TIER_CHANGES, "from", from.name(), "to", to.name()).increment();
  }

  @Override
  public void pointsReserved(long points) {
    registry.counter(RESERVATIONS_RESERVED).increment();
    registry.counter(POINTS_RESERVED).increment(points);
  }

  @Override
  public void reservationRefused(String reason) {
    registry.counter(RESERVATIONS_REFUSED, "reason", reason).increment();
  }

  @Override
  public void pointsSpent(long points) {
    registry.counter(RESERVATIONS_SPENT).increment();
    registry.counter(POINTS_SPENT).increment(points);
  }

  @Override
  public void pointsReleased(long points) {
    registry.counter(RESERVATIONS_RELEASED).increment();
    registry.counter(POINTS_RELEASED).increment(points);
  }

  @Override
  public void orderSkipped() {
    registry.counter(ORDERS_SKIPPED).increment();
  }

  @Override
  public void deadLettered(String deadLetterTopic) {
    registry.counter(DEAD_LETTERS, "topic", deadLetterTopic).increment();
  }
}
