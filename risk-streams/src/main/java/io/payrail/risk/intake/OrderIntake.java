package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.risk.deadletter.Outcome;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The source serde of {@code orders}: decodes and checks each record and never throws, so that a
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
    return Serdes.serdeFrom(new Writer(orders.serializer()), new Reader(orders.deserializer()));
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

  private record Reader(Deserializer<OrderPlaced> orders)
      implements Deserializer<Outcome<OrderPlaced>> {

    @Override
    public Outcome<OrderPlaced> deserialize(String topic, byte[] data) {
      return deserialize(topic, null, data);
    }

    @Override
    public Outcome<OrderPlaced> deserialize(String topic, Headers headers, byte[] data) {
      if (data == null) {
        return new Outcome.DeadLetter<>(
            null, new SerializationException("tombstone on " + topic + ": no order"));
      }
      OrderPlaced order;
      try {
        order = orders.deserialize(topic, headers, data);
      } catch (RuntimeException e) {
        return new Outcome.DeadLetter<>(data, e);
      }
      String problem = problem(order);
      return problem == null
          ? new Outcome.Ok<>(order)
          : new Outcome.DeadLetter<>(data, new InvalidOrderException(problem));
    }
  }

  private record Writer(Serializer<OrderPlaced> orders)
      implements Serializer<Outcome<OrderPlaced>> {

    @Override
    public byte[] serialize(String topic, Outcome<OrderPlaced> outcome) {
      if (outcome instanceof Outcome.Ok<OrderPlaced> ok) {
        return orders.serialize(topic, ok.value());
      }
      return outcome instanceof Outcome.DeadLetter<OrderPlaced> deadLetter
          ? deadLetter.originalValue()
          : null;
    }
  }
}
