package io.payrail.payment.listener;

import java.util.List;

/**
 * Called between the steps whose order makes the payment exactly-once, so that tests can crash the
 * processor exactly there and prove that a restart neither loses nor repeats anything. The
 * production bean does nothing.
 */
public interface PaymentStepHook {

  /** The gateway has answered every charge of the batch; nothing is in the database yet. */
  default void afterGatewayCall(List<String> orderIds) {}

  /** The ledger transaction has committed; the Kafka transaction has not. */
  default void afterLedgerCommit(List<String> orderIds) {}
}
