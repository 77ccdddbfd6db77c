package io.payrail.refund.support;

import io.payrail.refund.listener.RefundStepHook;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A step hook that "crashes" the processor once, at one step, while a given order is in a batch.
 */
public final class StepCrasher implements RefundStepHook {

  public enum Step {
    AFTER_GATEWAY_REFUND,
    AFTER_LEDGER_COMMIT
  }

  /** Thrown where the process would have died. */
  public static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(Step step, String orderId) {
      super("simulated crash " + step + " with order " + orderId + " in the batch");
    }
  }

  private record Armed(Step step, String orderId) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();
  private final AtomicInteger crashes = new AtomicInteger();

  /** Crashes the next time the step runs with this order in the batch, and only then. */
  public void arm(Step step, String orderId) {
    crashes.set(0);
    armed.set(new Armed(step, orderId));
  }

  public int crashes() {
    return crashes.get();
  }

  @Override
  public void afterGatewayRefund(List<String> orderIds) {
    crashIfArmed(Step.AFTER_GATEWAY_REFUND, orderIds);
  }

  @Override
  public void afterLedgerCommit(List<String> orderIds) {
    crashIfArmed(Step.AFTER_LEDGER_COMMIT, orderIds);
  }

  private void crashIfArmed(Step step, List<String> orderIds) {
    Armed current = armed.get();
    if (current != null
        && current.step() == step
        && orderIds.contains(current.orderId())
        && armed.compareAndSet(current, null)) {
      crashes.incrementAndGet();
      throw new SimulatedCrash(step, current.orderId());
    }
  }
}
