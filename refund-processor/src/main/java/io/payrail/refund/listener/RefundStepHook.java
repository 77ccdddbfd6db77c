package io.payrail.refund.listener;

import java.util.List;

/**
 * Called between the steps whose order makes a refund exactly-once, so that tests can crash the
 * processor exactly there and prove that a restart neither loses nor repeats anything. The
 * production bean does nothing.
 */
@FunctionalInterface
public interface RefundStepHook {

  /**
   * The chunk with these orders has just completed this step.
   *
   * @param orderKeys the chunk's orders, each {@code merchantId/orderId} ({@code OrderKey})
   */
  void reached(RefundStep step, List<String> orderKeys);
}
