package io.payrail.risk.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.risk.deadletter.Outcome;
import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The source serde of {@code orders}: decodes and checks each record against the contract's rules
 * ({@link ContractRules#order}) and never throws, so that a poison pill becomes a dead-letter value
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
    return Serdes.serdeFrom(new Writer(orders.serializer()), new Reader(orders.deserializer()));
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
        // Not even an order: keep its bytes for inspection, unless they hold a card number.
        boolean cardNumber =
            CardNumbers.containsCardNumber(new String(data, StandardCharsets.UTF_8));
        return new Outcome.DeadLetter<>(cardNumber ? null : data, e);
      }
      return check(order, data);
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
