package io.payrail.loyalty.points;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.streams.deadletter.DeadLetterStamper;

/** What the ledger reports to metrics. */
public interface LoyaltyMetrics extends DeadLetterStamper.Listener {

  void pointsEarned(long points);

  void pointsTakenBack(long points);

  /** Points a refund could not take back because the balance was at zero. */
  void pointsShortfall(long points);

  /** A payment or refund applied before arrived again and was ignored. */
  void duplicateIgnored(LoyaltySource source);

  /** A balance was published; counted by the tier it shows. */
  void balancePublished(LoyaltyTier tier);

  void tierChanged(LoyaltyTier from, LoyaltyTier to);

  /** An order's points were reserved. */
  void pointsReserved(long points);

  /** An order's request to redeem points was refused, for {@code reason}. */
  void reservationRefused(String reason);

  /** An order's reserved points were spent by its capture. */
  void pointsSpent(long points);

  /** An order's reserved points were given back: its payment ended without a capture. */
  void pointsReleased(long points);

  /**
   * An order redeeming points that breaks the contract was skipped (risk-streams dead-letters it).
   */
  void orderSkipped();
}
