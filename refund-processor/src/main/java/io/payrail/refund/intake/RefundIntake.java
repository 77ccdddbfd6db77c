package io.payrail.refund.intake;

import io.payrail.events.RefundRequested;
import io.payrail.listener.DeserializationFailures;
import io.payrail.listener.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Sorts a polled batch into requests that can be decided and records that cannot: values the {@code
 * ErrorHandlingDeserializer} could not read (null, with the exception in a header) and values that
 * break the contract or would not fit the ledger's columns. A value that could not be read because
 * the schema registry was away is no dead letter: the batch fails and is read again later.
 */
@Component
public class RefundIntake {

  /** The same alphabet and length order-ingest accepts for orderIds and refundIds. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_MERCHANT_ID_LENGTH = 128;
  private static final int MAX_REASON_LENGTH = 255;

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
        rejected.add(new Rejected(record, failure));
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
    String problem = null;
    if (!ID.matcher(value.getOrderId()).matches()) {
      problem = "orderId must be 1-64 characters of [A-Za-z0-9._:-]";
    } else if (!value.getOrderId().equals(record.key())) {
      problem = "record key " + record.key() + " is not the orderId " + value.getOrderId();
    } else if (!ID.matcher(value.getRefundId()).matches()) {
      problem = "refundId must be 1-64 characters of [A-Za-z0-9._:-]";
    } else if (value.getMerchantId().isBlank()
        || value.getMerchantId().length() > MAX_MERCHANT_ID_LENGTH) {
      problem = "merchantId must be 1-128 characters";
    } else if (value.getAmountMinor() != null && value.getAmountMinor() <= 0) {
      problem = "amountMinor must be positive when given, was " + value.getAmountMinor();
    } else if (value.getCurrency() != null && !CURRENCY.matcher(value.getCurrency()).matches()) {
      problem = "currency must be an ISO-4217 code when given, was " + value.getCurrency();
    } else if (value.getReason().length() > MAX_REASON_LENGTH) {
      problem = "reason must be at most 255 characters";
    }
    return problem == null ? null : new InvalidRefundRequestException(problem);
  }
}
