package io.payrail.payment.reconcile;

import io.payrail.gateway.charge.PaymentGateway;
import io.payrail.listener.reconcile.Reconciled;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payments the shared reconciler (module {@code transactional-listener}) looks after, keyed by
 * the idempotency key each row is charged with ({@code charge_key}, unique, stored with the row):
 * UNKNOWN ones, and PENDING ones nobody works on. The acquirer is asked by that stored key, never a
 * re-derived one: a row written before keys were merchant-scoped was charged under its older key. A
 * charge the acquirer has no record of was never made: the payment FAILED ({@code
 * gateway_timeout}).
 */
@Configuration(proxyBeanMethods = false)
class PaymentReconciliation {

  static final String NOT_CHARGED = "gateway_timeout";

  @Bean
  Reconciled reconciledPayments(PaymentGateway gateway) {
    return new Reconciled(
        "payments", "payments", "charge_key", chargeKey -> lookup(gateway, chargeKey));
  }

  private static Resolution lookup(PaymentGateway gateway, String chargeKey) {
    ChargeOutcome outcome =
        gateway
            .lookup(chargeKey)
            .map(ChargeExecutor::outcome)
            .orElse(new ChargeOutcome(ChargeOutcome.Result.FAILED, null, NOT_CHARGED));
    return new Resolution(
        outcome.result().name(), outcome.gatewayReference(), outcome.declineCode());
  }
}
