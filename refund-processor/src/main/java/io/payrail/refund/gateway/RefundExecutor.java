package io.payrail.refund.gateway;

import io.payrail.gateway.GatewayCalls;
import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundGateway;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.ledger.RefundKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Pays back, at the gateway, the refunds a chunk has just reserved (or resumes), each under the
 * idempotency key kept in its row (never derived again here: a row kept before keys were
 * merchant-scoped has its bare refundId there, and a replay must present the key the acquirer may
 * have seen), all at once ({@link GatewayCalls}): a chunk whose answers all time out takes one
 * client timeout, not one per refund. An answer that never came is an answer ({@link
 * RefundResponse.Unknown}): not retried here, another attempt would cost another timeout; the
 * reconciler asks the acquirer by the key.
 */
@Component
public class RefundExecutor implements DisposableBean {

  private final RefundGateway gateway;
  private final GatewayCalls calls;

  public RefundExecutor(RefundGateway gateway, RefundGatewayProperties properties) {
    this.gateway = gateway;
    this.calls = new GatewayCalls("refund-gateway", properties.concurrency());
  }

  /** The acquirer's answer by refund, for every outcome that refunds now. */
  public Map<RefundKey, RefundResponse> refundAll(List<RefundOutcome> outcomes) {
    Map<RefundKey, GatewayRefundRequest> requests = new LinkedHashMap<>();
    for (RefundOutcome outcome : outcomes) {
      if (outcome.refundsNow()) {
        requests.put(outcome.row().key(), request(outcome));
      }
    }
    return calls.callAll(requests, gateway::refund);
  }

  @Override
  public void destroy() {
    calls.close();
  }

  private static GatewayRefundRequest request(RefundOutcome outcome) {
    return new GatewayRefundRequest(
        outcome.row().acquirerKey(),
        outcome.row().orderId(),
        outcome.row().paymentId(),
        outcome.payment().gatewayReference(),
        outcome.row().amountMinor(),
        outcome.row().currency(),
        outcome.row().reason());
  }
}
