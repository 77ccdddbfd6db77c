package io.payrail.payment.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.RiskAssessed;
import io.payrail.listener.DeserializationFailures;
import io.payrail.listener.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Sorts a polled batch into assessments that can be paid and records that cannot: values the {@code
 * ErrorHandlingDeserializer} could not read (null, with the exception in a header) and values that
 * break the contract (the ledger's column limits included). A value that could not be read because
 * the schema registry was away is no dead letter: the batch fails and is read again later.
 */
@Component
public class AssessmentIntake {

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
  private static final int MAX_PARTY_ID_LENGTH = 128;
  private static final int MAX_BRAND_LENGTH = 32;
  private static final int MAX_SCORE = 100;

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
        rejected.add(new Rejected(record, failure));
      }
    }
    return new Intake(accepted, rejected);
  }

  private static InvalidAssessmentException violation(ConsumerRecord<String, RiskAssessed> record) {
    RiskAssessed value = record.value();
    if (value == null) {
      return new InvalidAssessmentException("value is null (a tombstone has no meaning here)");
    }
    OrderPlaced order = value.getOrder();
    PaymentMethod card = order.getPaymentMethod();
    String problem = null;
    if (!ORDER_ID.matcher(order.getOrderId()).matches()) {
      problem = "orderId must be 1-64 characters of [A-Za-z0-9._:-]";
    } else if (!order.getOrderId().equals(record.key())) {
      problem = "record key " + record.key() + " is not the orderId " + order.getOrderId();
    } else if (order.getAmountMinor() <= 0) {
      problem = "amountMinor must be positive, was " + order.getAmountMinor();
    } else if (!CURRENCY.matcher(order.getCurrency()).matches()) {
      problem = "currency must be an ISO-4217 code, was " + order.getCurrency();
    } else if (value.getScore() < 0 || value.getScore() > MAX_SCORE) {
      problem = "score must be 0-100, was " + value.getScore();
    } else if (blankOrLonger(order.getCustomerId(), MAX_PARTY_ID_LENGTH)
        || blankOrLonger(order.getMerchantId(), MAX_PARTY_ID_LENGTH)) {
      problem = "customerId and merchantId must be 1-128 characters";
    } else if (card.getToken().isBlank()
        || blankOrLonger(card.getBrand(), MAX_BRAND_LENGTH)
        || !LAST4.matcher(card.getLast4()).matches()) {
      problem = "paymentMethod needs a token, a brand of 1-32 characters and 4 digits of last4";
    }
    return problem == null ? null : new InvalidAssessmentException(problem);
  }

  private static boolean blankOrLonger(String value, int maxLength) {
    return value.isBlank() || value.length() > maxLength;
  }
}
