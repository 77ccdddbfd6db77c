package io.payrail.risk.intake;

import io.payrail.events.CustomerVerification;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The source serde of {@code customer-verifications} ({@link Intake}) and the check of its keys: a
 * record that breaks the contract ({@link ContractRules#customerVerification}) or is keyed by
 * another customer than its own becomes a dead letter on {@code customer-verifications.DLT} instead
 * of a verification. Under a wrong key it would verify somebody else.
 */
public final class VerificationIntake {

  private VerificationIntake() {}

  /**
   * @param verifications the contract serde of {@code customer-verifications} values
   */
  public static Serde<Outcome<CustomerVerification>> serde(
      Serde<CustomerVerification> verifications) {
    return Intake.serde(verifications, VerificationIntake::check);
  }

  /**
   * The outcome of a record keyed {@code key}: a verification only under its own {@code
   * merchantId/customerId}.
   *
   * @param reencode writes a refused verification back in its source topic's format
   */
  public static Outcome<CustomerVerification> keyed(
      String key,
      Outcome<CustomerVerification> outcome,
      Serializer<CustomerVerification> reencode,
      String sourceTopic) {
    if (!(outcome instanceof Outcome.Ok<CustomerVerification> ok)) {
      return outcome;
    }
    CustomerVerification verification = ok.value();
    String own = CustomerKey.of(verification.getMerchantId(), verification.getCustomerId());
    if (own.equals(key)) {
      return outcome;
    }
    return new Outcome.DeadLetter<>(
        reencode.serialize(sourceTopic, verification),
        new InvalidVerificationException(
            "the key is not the verification's merchantId/customerId"));
  }

  static Outcome<CustomerVerification> check(CustomerVerification verification, byte[] original) {
    List<Violation> violations = ContractRules.customerVerification(verification);
    if (violations.isEmpty()) {
      return new Outcome.Ok<>(verification);
    }
    return new Outcome.DeadLetter<>(
        ContractRules.holdsCardNumber(violations) ? null : original,
        new InvalidVerificationException("verification breaks the contract: " + violations));
  }
}
