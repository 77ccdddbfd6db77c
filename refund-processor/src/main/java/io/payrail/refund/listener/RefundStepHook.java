package io.payrail.refund.listener;

import java.util.List;

/**
 * Called between the steps whose order makes a refund exactly-once, so that tests can crash the
 * processor exactly there and prove that a restart neither loses nor repeats anything. The
 * production bean does nothing.
 */
public interface RefundStepHook {

  /** The gateway has paid back the batch's new refunds; the ledger transaction is still open. */
  default void afterGatewayRefund(List<String> orderIds) {}

  /** The ledger transaction has committed; the Kafka transaction has not. */
  default void afterLedgerCommit(List<String> orderIds) {}
}
