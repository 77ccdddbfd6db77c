package io.payrail.payment.reconcile;

import io.payrail.gateway.charge.PaymentGateway;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.listener.reconcile.Unresolved;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentLedger;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The payments the shared reconciler (module {@code transactional-listener}) looks after, keyed by
 * orderId: UNKNOWN ones, and PENDING ones nobody works on. A charge the acquirer has no record of
 * was never made: the payment FAILED ({@code gateway_timeout}).
 */
@Component
class PaymentReconciliation implements Unresolved {

  static final String NOT_CHARGED = "gateway_timeout";

  private final PaymentLedger ledger;
  private final PaymentGateway gateway;

  PaymentReconciliation(PaymentLedger ledger, PaymentGateway gateway) {
    this.ledger = ledger;
    this.gateway = gateway;
  }

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public Waiting unknown() {
    return ledger.unknownPayments();
  }

  @Override
  public List<String> find(Instant unknownBefore, Instant pendingBefore, int limit) {
    return ledger.findUnresolved(unknownBefore, pendingBefore, limit);
  }

  @Override
  public Resolution lookup(String orderId) {
    ChargeOutcome outcome =
        gateway
            .lookup(PaymentIds.idempotencyKey(orderId))
            .map(ChargeExecutor::outcome)
            .orElse(new ChargeOutcome(ChargeOutcome.Result.FAILED, null, NOT_CHARGED));
    return new Resolution(
        outcome.result().name(), outcome.gatewayReference(), outcome.declineCode());
  }
}
