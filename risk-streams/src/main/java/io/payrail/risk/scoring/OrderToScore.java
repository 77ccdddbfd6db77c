package io.payrail.risk.scoring;

import io.payrail.events.OrderPlaced;
import io.payrail.risk.features.Verification;

/**
 * An order joined with its customer's verification, as the scorer reads it.
 *
 * @param order the order
 * @param verification the customer's verification; {@link Verification#NONE} without a record
 */
public record OrderToScore(OrderPlaced order, Verification verification) {

  /** The stream-table join's joiner: a customer without a record is unverified. */
  public static OrderToScore join(OrderPlaced order, Verification verification) {
    return new OrderToScore(order, verification == null ? Verification.NONE : verification);
  }
}
