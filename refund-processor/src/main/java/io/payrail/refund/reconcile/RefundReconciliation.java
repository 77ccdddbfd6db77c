package io.payrail.refund.reconcile;

import io.payrail.gateway.refund.RefundGateway;
import io.payrail.listener.reconcile.Reconciled;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.refund.decision.RejectionCode;
import io.payrail.refund.ledger.LedgerStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The refunds the shared reconciler (module {@code transactional-listener}) looks after, by the
 * idempotency key kept in each row ({@code acquirer_key}: unique, and the key the acquirer was, or
 * may have been, asked with; a row kept before keys were merchant-scoped has its bare refundId
 * there), which also keys each resolution: UNKNOWN ones, and reservations (PENDING) nobody works on
 * because their request was dead-lettered. A refund the acquirer has no record of was never paid
 * back: it is REJECTED {@code refund_failed} and its reservation released.
 */
@Configuration(proxyBeanMethods = false)
class RefundReconciliation {

  @Bean
  Reconciled reconciledRefunds(RefundGateway gateway) {
    return new Reconciled(
        "refunds", "refunds", "acquirer_key", acquirerKey -> lookup(gateway, acquirerKey));
  }

  private static Resolution lookup(RefundGateway gateway, String acquirerKey) {
    return gateway
        .lookup(acquirerKey)
        .map(refunded -> new Resolution(LedgerStatus.COMPLETED.name(), refunded.reference(), null))
        .orElse(
            new Resolution(LedgerStatus.REJECTED.name(), null, RejectionCode.REFUND_FAILED.code()));
  }
}
