package io.payrail.loyalty.topology;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.rules.MinorUnits;
import io.payrail.streams.deadletter.Intake;
import io.payrail.streams.deadletter.Outcome;
import org.apache.kafka.common.serialization.Serde;

/**
 * Source serdes of {@code payments} and {@code refunds}: decode and check each record ({@link
 * Intake}), so that a poison pill becomes a dead-letter value that the topology writes to the DLT
 * in the same transaction as everything else, instead of stopping the stream thread. Only events
 * that change points are checked; the others are dropped by status later.
 */
final class EventIntake {

  private EventIntake() {}

  static Serde<Outcome<PaymentProcessed>> payments(Serde<PaymentProcessed> contract) {
    return Intake.serde(contract, EventIntake::paymentProblem, InvalidEventException::new);
  }

  static Serde<Outcome<RefundProcessed>> refunds(Serde<RefundProcessed> contract) {
    return Intake.serde(contract, EventIntake::refundProblem, InvalidEventException::new);
  }

  /** Why a payment cannot be applied, or null. */
  static String paymentProblem(PaymentProcessed payment) {
    if (payment.getStatus() != PaymentStatus.CAPTURED) {
      return null;
    }
    return problem(
        "payment " + payment.getPaymentId(),
        payment.getPaymentId(),
        payment.getCustomerId(),
        payment.getAmountMinor(),
        payment.getCurrency());
  }

  /** Why a refund cannot be applied, or null. */
  static String refundProblem(RefundProcessed refund) {
    if (refund.getStatus() != RefundStatus.COMPLETED) {
      return null;
    }
    return problem(
        "refund " + refund.getRefundId(),
        refund.getRefundId(),
        refund.getCustomerId(),
        refund.getAmountMinor(),
        refund.getCurrency());
  }

  private static String problem(
      String what, String id, String customerId, long amountMinor, String currency) {
    if (id.isBlank()) {
      return what + " has a blank id";
    }
    if (customerId == null || customerId.isBlank()) {
      return what + " names no customerId";
    }
    if (amountMinor < 0) {
      return what + " has a negative amountMinor " + amountMinor;
    }
    if (!MinorUnits.isMoneyCurrency(currency)) {
      return what + " has currency '" + currency + "', not an ISO-4217 money currency";
    }
    return null;
  }
}
