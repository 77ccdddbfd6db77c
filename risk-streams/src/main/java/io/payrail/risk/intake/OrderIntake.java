package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * The source serde of {@code orders}: decodes and checks each record ({@link Intake}), so that a
 * poison pill becomes a dead-letter value that the topology routes to {@code orders.DLT} in the
 * same transaction as everything else, instead of stopping the stream thread.
 */
public final class OrderIntake {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private OrderIntake() {}

  /**
   * @param orders the contract serde of {@code orders} values
   */
  public static Serde<Outcome<OrderPlaced>> serde(Serde<OrderPlaced> orders) {
    return Intake.serde(orders, OrderIntake::problem, InvalidOrderException::new);
  }

  /** Why the order cannot be scored, or null when it can. */
  static String problem(OrderPlaced order) {
    if (order.getOrderId().isBlank()) {
      return "order has a blank orderId";
    }
    if (order.getCustomerId().isBlank()) {
      return "order " + order.getOrderId() + " has a blank customerId";
    }
    if (order.getAmountMinor() < 0) {
      return "order "
          + order.getOrderId()
          + " has a negative amountMinor "
          + order.getAmountMinor();
    }
    if (!CURRENCY.matcher(order.getCurrency()).matches()) {
      return "order "
          + order.getOrderId()
          + " has currency '"
          + order.getCurrency()
          + "', not an ISO-4217 code";
    }
    if (order.getPaymentMethod().getToken().isBlank()) {
      return "order " + order.getOrderId() + " has a blank payment-method token";
    }
    return null;
  }
}
