package io.payrail.payment.listener;

import io.payrail.schemas.keys.OrderKey;
import java.util.List;

/**
 * Called between the steps whose order makes the payment exactly-once, so that tests can crash the
 * processor exactly there and prove that a restart neither loses nor repeats anything. The
 * production bean does nothing.
 */
@FunctionalInterface
public interface PaymentStepHook {

  /** The chunk of these orders has just completed this step. */
  void reached(PaymentStep step, List<OrderKey> orders);
}
