package io.payrail.refund.gateway;

import io.payrail.gateway.refund.GatewayRefund;
import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundGateway;
import io.payrail.refund.decision.RefundOutcome;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Pays back, at the gateway, the refunds a batch has just decided, keyed by their refundId. */
@Component
public class RefundExecutor {

  private final RefundGateway gateway;

  public RefundExecutor(RefundGateway gateway) {
    this.gateway = gateway;
  }

  /** The outcomes, those refunded now carrying the acquirer's reference. */
  public List<RefundOutcome> refundAll(List<RefundOutcome> outcomes) {
    List<RefundOutcome> refunded = new ArrayList<>(outcomes.size());
    for (RefundOutcome outcome : outcomes) {
      if (outcome.refundsNow()) {
        GatewayRefund answer = gateway.refund(request(outcome));
        refunded.add(outcome.withRow(outcome.row().withGatewayReference(answer.reference())));
      } else {
        refunded.add(outcome);
      }
    }
    return refunded;
  }

  private static GatewayRefundRequest request(RefundOutcome outcome) {
    return new GatewayRefundRequest(
        outcome.row().refundId(),
        outcome.row().orderId(),
        outcome.row().paymentId(),
        outcome.payment().gatewayReference(),
        outcome.row().amountMinor(),
        outcome.row().currency());
  }
}
