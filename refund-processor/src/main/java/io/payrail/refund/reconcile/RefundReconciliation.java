package io.payrail.refund.reconcile;

import io.payrail.gateway.refund.RefundGateway;
import io.payrail.listener.reconcile.Reconciled;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.refund.decision.RejectionCode;
import io.payrail.refund.ledger.LedgerStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The refunds the shared reconciler (module {@code transactional-listener}) looks after, keyed by
 * refundId (the refund's idempotency key at the acquirer): UNKNOWN ones, and reservations (PENDING)
 * nobody works on because their request was dead-lettered. A refund the acquirer has no record of
 * was never paid back: it is REJECTED {@code refund_failed} and its reservation released.
 */
@Configuration(proxyBeanMethods = false)
class RefundReconciliation {

  @Bean
  Reconciled reconciledRefunds(RefundGateway gateway) {
    return new Reconciled("refunds", "refunds", "refund_id", refundId -> lookup(gateway, refundId));
  }

  private static Resolution lookup(RefundGateway gateway, String refundId) {
    return gateway
        .lookup(refundId)
        .map(refunded -> new Resolution(LedgerStatus.COMPLETED.name(), refunded.reference(), null))
        .orElse(
            new Resolution(LedgerStatus.REJECTED.name(), null, RejectionCode.REFUND_FAILED.code()));
  }
}
