package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The source serde of {@code orders} ({@link Intake}): decodes and checks each record against the
 * contract's rules ({@link ContractRules#order}), so that a poison pill becomes a dead-letter value
 * that the topology routes to {@code orders.DLT} in the same transaction as everything else,
 * instead of stopping the stream thread. An order holding what looks like a card number is
 * dead-lettered without its value (null, the reason in the headers): the number must not be copied
 * anywhere, so such a dead letter cannot be replayed.
 */
public final class OrderIntake {

  private OrderIntake() {}

  /**
   * @param orders the contract serde of {@code orders} values
   */
  public static Serde<Outcome<OrderPlaced>> serde(Serde<OrderPlaced> orders) {
    return Intake.serde(orders, OrderIntake::check);
  }

  /** What to do with a decoded order: score it, or dead-letter it (without a card number). */
  static Outcome<OrderPlaced> check(OrderPlaced order, byte[] original) {
    List<Violation> violations = ContractRules.order(order);
    if (violations.isEmpty()) {
      return new Outcome.Ok<>(order);
    }
    return new Outcome.DeadLetter<>(
        ContractRules.holdsCardNumber(violations) ? null : original,
        new InvalidOrderException("order breaks the contract: " + violations));
  }
}
