package io.payrail.payment.support;

import io.payrail.payment.listener.PaymentStepHook;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A step hook that "crashes" the processor at one step while a given order is in the batch. */
public final class StepCrasher implements PaymentStepHook {

  public enum Step {
    AFTER_GATEWAY_CALL,
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

  public void arm(Step step, String orderId) {
    crashes.set(0);
    armed.set(new Armed(step, orderId));
  }

  public void disarm() {
    armed.set(null);
  }

  public int crashes() {
    return crashes.get();
  }

  @Override
  public void afterGatewayCall(List<String> orderIds) {
    crashIfArmed(Step.AFTER_GATEWAY_CALL, orderIds);
  }

  @Override
  public void afterLedgerCommit(List<String> orderIds) {
    crashIfArmed(Step.AFTER_LEDGER_COMMIT, orderIds);
  }

  private void crashIfArmed(Step step, List<String> orderIds) {
    Armed current = armed.get();
    if (current != null && current.step() == step && orderIds.contains(current.orderId())) {
      crashes.incrementAndGet();
      throw new SimulatedCrash(step, current.orderId());
    }
  }
}
