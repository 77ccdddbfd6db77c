package io.payrail.audit.ledger;

import io.payrail.schemas.keys.OrderKey;

/**
 * A row of {@code simulated_acquirer_charges}: what the acquirer did, by idempotency key (the
 * payment's {@code charge_key}).
 */
public record ChargeRow(
    String idempotencyKey,
    String chargeReference,
    String merchantId,
    String orderId,
    long amountMinor,
    String currency,
    String outcome) {

  /** The acquirer's outcome of a charge that took money (payment-processor's SimulatedAcquirer). */
  public static final String APPROVED = "APPROVED";

  public boolean approved() {
    return APPROVED.equals(outcome);
  }

  /** The order the charge names. */
  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }
}
