package io.payrail.payment.gateway;

/**
 * What became of a charge after retries.
 *
 * @param result CAPTURED, DECLINED or FAILED (retries exhausted)
 * @param gatewayReference the acquirer's reference, null when nothing was charged
 * @param declineCode why it was not captured, null when captured
 */
public record ChargeOutcome(Result result, String gatewayReference, String declineCode) {

  public enum Result {
    CAPTURED,
    DECLINED,
    FAILED
  }
}
