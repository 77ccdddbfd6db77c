package io.payrail.loyalty.topology;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.deadletter.Outcome;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Source serdes of {@code payments} and {@code refunds}: decode and check each record and never
 * throw, so that a poison pill becomes a dead-letter value that the topology writes to the DLT in
 * the same transaction as everything else, instead of stopping the stream thread. Only events that
 * change points are checked; the others are dropped by status later.
 */
final class EventIntake {

  private EventIntake() {}

  static Serde<Outcome<PaymentProcessed>> payments(Serde<PaymentProcessed> contract) {
    return serde(contract, EventIntake::paymentProblem);
  }

  static Serde<Outcome<RefundProcessed>> refunds(Serde<RefundProcessed> contract) {
    return serde(contract, EventIntake::refundProblem);
  }

  /** Why a payment cannot be applied ({@link ContractRules#payment}), or null. */
  static String paymentProblem(PaymentProcessed payment) {
    if (payment.getStatus() != PaymentStatus.CAPTURED) {
      return null;
    }
    return problem("payment", ContractRules.payment(payment));
  }

  /** Why a refund cannot be applied ({@link ContractRules#refund}), or null. */
  static String refundProblem(RefundProcessed refund) {
    if (refund.getStatus() != RefundStatus.COMPLETED) {
      return null;
    }
    return problem("refund", ContractRules.refund(refund));
  }

  private static String problem(String what, List<Violation> violations) {
    return violations.isEmpty() ? null : what + " breaks the contract: " + violations;
  }

  private static <T> Serde<Outcome<T>> serde(Serde<T> contract, Function<T, String> check) {
    return Serdes.serdeFrom(new Writer<>(contract.serializer()), new Reader<>(contract, check));
  }

  private record Reader<T>(Serde<T> contract, Function<T, String> check)
      implements Deserializer<Outcome<T>> {

    @Override
    public Outcome<T> deserialize(String topic, byte[] data) {
      return deserialize(topic, null, data);
    }

    @Override
    public Outcome<T> deserialize(String topic, Headers headers, byte[] data) {
      if (data == null) {
        return new Outcome.DeadLetter<>(
            null, new SerializationException("tombstone on " + topic + ": no event"));
      }
      T event;
      try {
        event = contract.deserializer().deserialize(topic, headers, data);
      } catch (RuntimeException e) {
        return new Outcome.DeadLetter<>(data, e);
      }
      String problem = check.apply(event);
      return problem == null
          ? new Outcome.Ok<>(event)
          : new Outcome.DeadLetter<>(data, new InvalidEventException(problem));
    }
  }

  private record Writer<T>(Serializer<T> contract) implements Serializer<Outcome<T>> {

    @Override
    public byte[] serialize(String topic, Outcome<T> outcome) {
      if (outcome instanceof Outcome.Ok<T> ok) {
        return contract.serialize(topic, ok.value());
      }
      return outcome instanceof Outcome.DeadLetter<T> deadLetter
          ? deadLetter.originalValue()
          : null;
    }
  }
}
