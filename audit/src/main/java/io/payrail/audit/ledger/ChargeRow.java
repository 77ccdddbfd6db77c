package io.payrail.audit.ledger;

/** A row of {@code simulated_acquirer_charges}: what the acquirer did, by idempotency key. */
public record ChargeRow(
    String idempotencyKey,
    String chargeReference,
    String orderId,
    long amountMinor,
    String currency,
    String outcome) {

  /** The acquirer's outcome of a charge that took money (payment-processor's SimulatedAcquirer). */
  public static final String APPROVED = "APPROVED";

  public boolean approved() {
    return APPROVED.equals(outcome);
  }
}
