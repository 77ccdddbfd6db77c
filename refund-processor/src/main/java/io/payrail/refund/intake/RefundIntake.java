package io.payrail.refund.intake;

import io.payrail.events.RefundRequested;
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
 * Sorts a polled batch into requests that can be decided and records that cannot: values the {@code
 * ErrorHandlingDeserializer} could not read (null, with the exception in a header) and values that
 * break the contract ({@link ContractRules#refundRequest}: the ledger's columns included) or whose
 * key is not their {@code merchantId/orderId} ({@link OrderKey}). A value that could not be read
 * because the schema registry was away is no dead letter: the batch fails and is read again later.
 */
@Component
public class RefundIntake {

  public Intake sort(List<ConsumerRecord<String, RefundRequested>> records) {
    List<RefundRequest> accepted = new ArrayList<>(records.size());
    List<Rejected> rejected = new ArrayList<>();
    for (ConsumerRecord<String, RefundRequested> record : records) {
      Exception failure = DeserializationFailures.of(record);
      if (failure == null) {
        failure = violation(record);
      }
      if (failure == null) {
        accepted.add(new RefundRequest(record.value(), record.partition(), record.offset()));
      } else {
        // A card number goes nowhere, not even to the dead-letter topic: no value there.
        rejected.add(
            new Rejected(
                failure instanceof InvalidRefundRequestException && holdsCardNumber(record)
                    ? CardNumbers.withoutCardNumber(record)
                    : record,
                failure));
      }
    }
    return new Intake(accepted, rejected);
  }

  private static InvalidRefundRequestException violation(
      ConsumerRecord<String, RefundRequested> record) {
    RefundRequested value = record.value();
    if (value == null) {
      return new InvalidRefundRequestException("value is null (a tombstone has no meaning here)");
    }
    List<Violation> violations = ContractRules.refundRequest(value);
    if (!violations.isEmpty()) {
      return new InvalidRefundRequestException("refund request breaks the contract: " + violations);
    }
    // Keys are merchant-scoped (OrderKey): a key that is not its value's merchantId/orderId, a bare
    // orderId from before included, is no request of that order.
    if (!OrderKey.of(value.getMerchantId(), value.getOrderId()).equals(record.key())) {
      return new InvalidRefundRequestException(
          "the record key is not the value's merchantId/orderId");
    }
    return null;
  }

  private static boolean holdsCardNumber(ConsumerRecord<String, RefundRequested> record) {
    return record.value() != null
        && ContractRules.holdsCardNumber(ContractRules.refundRequest(record.value()));
  }
}
