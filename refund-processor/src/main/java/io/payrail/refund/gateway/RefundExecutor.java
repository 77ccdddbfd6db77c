package io.payrail.refund.gateway;

import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundGateway;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.refund.decision.RefundOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pays back, at the gateway, the refunds a chunk has just reserved (or resumes), keyed by their
 * refundId. An answer that never came is an answer ({@link RefundResponse.Unknown}): not retried
 * here, another attempt would cost another timeout; the reconciler asks the acquirer by the key.
 */
@Component
public class RefundExecutor {

  private final RefundGateway gateway;

  public RefundExecutor(RefundGateway gateway) {
    this.gateway = gateway;
  }

  /** The acquirer's answer by refundId, for every outcome that refunds now. */
  public Map<String, RefundResponse> refundAll(List<RefundOutcome> outcomes) {
    Map<String, RefundResponse> answers = new LinkedHashMap<>();
    for (RefundOutcome outcome : outcomes) {
      if (outcome.refundsNow()) {
        answers.put(outcome.row().refundId(), gateway.refund(request(outcome)));
      }
    }
    return answers;
  }

  private static GatewayRefundRequest request(RefundOutcome outcome) {
    return new GatewayRefundRequest(
        outcome.row().refundId(),
        outcome.row().orderId(),
        outcome.row().paymentId(),
        outcome.payment().gatewayReference(),
        outcome.row().amountMinor(),
        outcome.row().currency(),
        outcome.row().reason());
  }
}
