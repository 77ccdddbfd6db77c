package io.payrail.payment.review;

import io.payrail.events.ReviewDecided;
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
 * Sorts a polled batch of review decisions into those that keep the contract ({@link
 * ContractRules#reviewDecision}, key = {@code merchantId/orderId}) and dead letters, as the
 * assessments' intake does: a value that could not be read because the registry is away fails the
 * batch instead; a decision holding a card number (a note is free text) is dead-lettered without
 * its value.
 */
@Component
class ReviewIntake {

  /** One batch sorted, in offset order. */
  record Sorted(List<Decided> accepted, List<Rejected> rejected) {

    Sorted {
      accepted = List.copyOf(accepted);
      rejected = List.copyOf(rejected);
    }

    List<OrderKey> orders() {
      return accepted.stream().map(Decided::key).distinct().toList();
    }
  }

  Sorted sort(List<ConsumerRecord<String, ReviewDecided>> records) {
    List<Decided> accepted = new ArrayList<>(records.size());
    List<Rejected> rejected = new ArrayList<>();
    for (ConsumerRecord<String, ReviewDecided> record : records) {
      Exception failure = DeserializationFailures.of(record);
      if (failure == null) {
        failure = violation(record);
      }
      if (failure == null) {
        accepted.add(new Decided(record));
      } else {
        rejected.add(
            new Rejected(
                failure instanceof InvalidReviewDecisionException && holdsCardNumber(record)
                    ? CardNumbers.withoutCardNumber(record)
                    : record,
                failure));
      }
    }
    return new Sorted(accepted, rejected);
  }

  private static InvalidReviewDecisionException violation(
      ConsumerRecord<String, ReviewDecided> record) {
    ReviewDecided value = record.value();
    if (value == null) {
      return new InvalidReviewDecisionException("value is null (a tombstone has no meaning here)");
    }
    List<Violation> violations = ContractRules.reviewDecision(value);
    if (!violations.isEmpty()) {
      return new InvalidReviewDecisionException("decision breaks the contract: " + violations);
    }
    if (!OrderKey.of(value.getMerchantId(), value.getOrderId()).equals(record.key())) {
      return new InvalidReviewDecisionException(
          "the record key is not the decision's merchantId/orderId");
    }
    return null;
  }

  private static boolean holdsCardNumber(ConsumerRecord<String, ReviewDecided> record) {
    return record.value() != null
        && ContractRules.holdsCardNumber(ContractRules.reviewDecision(record.value()));
  }
}
