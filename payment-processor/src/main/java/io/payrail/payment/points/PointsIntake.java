package io.payrail.payment.points;

import io.payrail.events.PointsReservation;
import io.payrail.listener.DeserializationFailures;
import io.payrail.listener.Rejected;
import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Sorts a polled batch of points answers into those that keep the contract ({@link
 * ContractRules#pointsReservation}, key = {@code merchantId/orderId}) and dead letters, as the
 * review decisions' intake does: a value that could not be read because the registry is away fails
 * the batch instead; an answer holding a card number is dead-lettered without its value.
 */
@Component
class PointsIntake {

  /** One batch sorted, in offset order. */
  record Sorted(List<Answered> accepted, List<Rejected> rejected) {

    Sorted {
      accepted = List.copyOf(accepted);
      rejected = List.copyOf(rejected);
    }
  }

  Sorted sort(List<ConsumerRecord<String, PointsReservation>> records) {
    List<Answered> accepted = new ArrayList<>(records.size());
    List<Rejected> rejected = new ArrayList<>();
    for (ConsumerRecord<String, PointsReservation> record : records) {
      Exception failure = DeserializationFailures.of(record);
      if (failure == null) {
        failure = violation(record);
      }
      if (failure == null) {
        accepted.add(new Answered(record));
      } else {
        rejected.add(
            new Rejected(
                failure instanceof InvalidPointsReservationException && holdsCardNumber(record)
                    ? CardNumbers.withoutCardNumber(record)
                    : record,
                failure));
      }
    }
    return new Sorted(accepted, rejected);
  }

  private static InvalidPointsReservationException violation(
      ConsumerRecord<String, PointsReservation> record) {
    PointsReservation value = record.value();
    if (value == null) {
      return new InvalidPointsReservationException(
          "value is null (a tombstone has no meaning here)");
    }
    List<Violation> violations = ContractRules.pointsReservation(value);
    if (!violations.isEmpty()) {
      return new InvalidPointsReservationException("answer breaks the contract: " + violations);
    }
    if (!OrderKey.of(value.getMerchantId(), value.getOrderId()).equals(record.key())) {
      return new InvalidPointsReservationException(
          "the record key is not the answer's merchantId/orderId");
    }
    return null;
  }

  private static boolean holdsCardNumber(ConsumerRecord<String, PointsReservation> record) {
    return record.value() != null
        && ContractRules.holdsCardNumber(ContractRules.pointsReservation(record.value()));
  }
}
