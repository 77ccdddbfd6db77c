package io.payrail.payment.reconcile;

import io.payrail.gateway.charge.PaymentGateway;
import io.payrail.listener.reconcile.Reconciled;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentIds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payments the shared reconciler (module {@code transactional-listener}) looks after, keyed by
 * orderId: UNKNOWN ones, and PENDING ones nobody works on. A charge the acquirer has no record of
 * was never made: the payment FAILED ({@code gateway_timeout}).
 */
@Configuration(proxyBeanMethods = false)
class PaymentReconciliation {

  static final String NOT_CHARGED = "gateway_timeout";

  @Bean
  Reconciled reconciledPayments(PaymentGateway gateway) {
    return new Reconciled("payments", "payments", "order_id", orderId -> lookup(gateway, orderId));
  }

  private static Resolution lookup(PaymentGateway gateway, String orderId) {
    ChargeOutcome outcome =
        gateway
            .lookup(PaymentIds.idempotencyKey(orderId))
            .map(ChargeExecutor::outcome)
            .orElse(new ChargeOutcome(ChargeOutcome.Result.FAILED, null, NOT_CHARGED));
    return new Resolution(
        outcome.result().name(), outcome.gatewayReference(), outcome.declineCode());
  }
}
