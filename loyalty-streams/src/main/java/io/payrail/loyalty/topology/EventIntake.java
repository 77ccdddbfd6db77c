package io.payrail.loyalty.topology;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Source serdes of {@code payments}, {@code refunds}, {@code customers} and {@code orders} ({@link
 * Intake}): decode and check each record, so that a poison pill becomes a dead-letter value that
 * the topology writes to the DLT in the same transaction as everything else, instead of stopping
 * the stream thread. Only events that change points are checked (captures, payments that ended
 * without a capture, completed refunds, registrations, orders that redeem points); the others are
 * dropped by status later.
 */
final class EventIntake {

  private EventIntake() {}

  static Serde<Outcome<PaymentProcessed>> payments(Serde<PaymentProcessed> contract) {
    return Intake.serde(
        contract, Intake.problems(EventIntake::paymentProblem, InvalidEventException::new));
  }

  static Serde<Outcome<RefundProcessed>> refunds(Serde<RefundProcessed> contract) {
    return Intake.serde(
        contract, Intake.problems(EventIntake::refundProblem, InvalidEventException::new));
  }

  static Serde<Outcome<CustomerRegistered>> customers(Serde<CustomerRegistered> contract) {
    return Intake.serde(
        contract, Intake.problems(EventIntake::customerProblem, InvalidEventException::new));
  }

  static Serde<Outcome<OrderPlaced>> orders(Serde<OrderPlaced> contract) {
    return Intake.serde(
        contract, Intake.problems(EventIntake::orderProblem, InvalidEventException::new));
  }

  /**
   * Why an order that redeems points cannot be answered ({@link ContractRules#order}), or null; an
   * order without points is not loyalty's and is not checked.
   */
  static String orderProblem(OrderPlaced order) {
    if (order.getPointsToRedeem() == null) {
      return null;
    }
    return problem("order", ContractRules.order(order));
  }

  /** Why a registration cannot open a balance ({@link ContractRules#customer}), or null. */
  static String customerProblem(CustomerRegistered customer) {
    return problem("registration", ContractRules.customer(customer));
  }

  /** Why a payment cannot be applied ({@link ContractRules#payment}), or null. */
  static String paymentProblem(PaymentProcessed payment) {
    if (payment.getStatus() != PaymentStatus.CAPTURED
        && !LoyaltyEvent.PaymentEnded.endsWithoutCapture(payment.getStatus())) {
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
}
