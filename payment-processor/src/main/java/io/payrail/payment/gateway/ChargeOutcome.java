package io.payrail.payment.gateway;

/**
 * What became of a charge after retries.
 *
 * @param result CAPTURED, DECLINED, FAILED (retries exhausted, nothing charged) or UNKNOWN (no
 *     answer: charged or not, the reconciler asks the acquirer later)
 * @param gatewayReference the acquirer's reference, null when nothing was charged or unknown
 * @param declineCode why it was not captured (for UNKNOWN: why there is no answer), null when
 *     captured
 */
public record ChargeOutcome(Result result, String gatewayReference, String declineCode) {

  public enum Result {
    CAPTURED,
    DECLINED,
    FAILED,
    UNKNOWN
  }
}
