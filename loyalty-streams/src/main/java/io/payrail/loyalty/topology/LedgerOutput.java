package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.PointsReservation;

/**
 * What the ledger step publishes for one event: a balance (keyed {@code merchantId/customerId}, for
 * {@code loyalty-balances}) or an answer to an order redeeming points (keyed {@code
 * merchantId/orderId}, for {@code points-reservations}). One stream of both keeps them in the
 * step's order and in its transaction; the topology splits it by type.
 */
sealed interface LedgerOutput {

  /** A customer's new balance. */
  record Balance(LoyaltyBalance balance) implements LedgerOutput {}

  /** The answer to an order that redeems points. */
  record Answer(PointsReservation reservation) implements LedgerOutput {}
}
