package io.payrail.payment.intake;

import io.payrail.events.RiskAssessed;
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
 * Sorts a polled batch into assessments that can be paid and records that cannot: values the {@code
 * ErrorHandlingDeserializer} could not read (null, with the exception in a header) and values that
 * break the contract ({@link ContractRules#assessment}: the ledger's column limits included) or
 * whose key is not their order's {@code merchantId/orderId} ({@link OrderKey}). A value that could
 * not be read because the schema registry was away is no dead letter: the batch fails and is read
 * again later.
 */
@Component
public class AssessmentIntake {

  public Intake sort(List<ConsumerRecord<String, RiskAssessed>> records) {
    List<Assessment> accepted = new ArrayList<>(records.size());
    List<Rejected> rejected = new ArrayList<>();
    for (ConsumerRecord<String, RiskAssessed> record : records) {
      Exception failure = DeserializationFailures.of(record);
      if (failure == null) {
        failure = violation(record);
      }
      if (failure == null) {
        accepted.add(new Assessment(record.value(), record.partition(), record.offset()));
      } else {
        // A card number goes nowhere, not even to the dead-letter topic: no value there.
        rejected.add(
            new Rejected(
                failure instanceof InvalidAssessmentException && holdsCardNumber(record)
                    ? CardNumbers.withoutCardNumber(record)
                    : record,
                failure));
      }
    }
    return new Intake(accepted, rejected);
  }

  private static InvalidAssessmentException violation(ConsumerRecord<String, RiskAssessed> record) {
    RiskAssessed value = record.value();
    if (value == null) {
      return new InvalidAssessmentException("value is null (a tombstone has no meaning here)");
    }
    List<Violation> violations = ContractRules.assessment(value);
    if (!violations.isEmpty()) {
      return new InvalidAssessmentException("assessment breaks the contract: " + violations);
    }
    if (!OrderKey.of(value.getOrder().getMerchantId(), value.getOrder().getOrderId())
        .equals(record.key())) {
      return new InvalidAssessmentException("the record key is not the order's merchantId/orderId");
    }
    return null;
  }

  private static boolean holdsCardNumber(ConsumerRecord<String, RiskAssessed> record) {
    return record.value() != null
        && ContractRules.holdsCardNumber(ContractRules.assessment(record.value()));
  }
}
