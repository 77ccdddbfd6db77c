package io.payrail.listener.testing;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Crashes a processor at one step of its listener while a given key is in the chunk, once: the
 * crash is an {@link Error}, as a dying process is, so that nothing treats it as a failure of the
 * record. The listener container stops; the test starts it again, as a restarted instance would. Or
 * fails that step, every time the key is in the chunk, with an exception of the test's choice: a
 * record that never goes through.
 *
 * @param <S> the processor's steps
 */
public final class StepCrasher<S extends Enum<S>> {

  /** Thrown where the process would have died. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(Enum<?> step, String key) {
      super("simulated crash " + step + " with " + key + " in the batch");
    }
  }

  private record Armed(Enum<?> step, String key) {}

  private record Poisoned(Enum<?> step, String key, RuntimeException failure) {}

  private record Observer(Enum<?> step, String key, Runnable action) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();
  private final AtomicInteger crashes = new AtomicInteger();
  private final AtomicReference<Poisoned> poisoned = new AtomicReference<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<Observer> observer = new AtomicReference<>();

  /** Crashes the next time the step runs with this key in the chunk, and only then. */
  public void arm(S step, String key) {
    crashes.set(0);
    armed.set(new Armed(step, key));
  }

  /** Fails the step with {@code failure} whenever this key is in the chunk, until disarmed. */
  public void poison(S step, String key, RuntimeException failure) {
    failures.set(0);
    poisoned.set(new Poisoned(step, key, failure));
  }

  /** Runs {@code action} on the listener's thread the next time the step runs with this key. */
  public void observe(S step, String key, Runnable action) {
    observer.set(new Observer(step, key, action));
  }

  public void disarm() {
    armed.set(null);
    poisoned.set(null);
    observer.set(null);
  }

  /** How often the poisoned step failed. */
  public int failures() {
    return failures.get();
  }

  public int crashes() {
    return crashes.get();
  }

  /** Called by the processor's step hook. */
  public void reached(S step, Collection<String> keys) {
    Observer watching = observer.get();
    if (watching != null
        && watching.step() == step
        && keys.contains(watching.key())
        && observer.compareAndSet(watching, null)) {
      watching.action().run();
    }
    Poisoned poison = poisoned.get();
    if (poison != null && poison.step() == step && keys.contains(poison.key())) {
      failures.incrementAndGet();
      throw poison.failure();
    }
    Armed current = armed.get();
    if (current != null
        && current.step() == step
        && keys.contains(current.key())
        && armed.compareAndSet(current, null)) {
      crashes.incrementAndGet();
      throw new SimulatedCrash(step, current.key());
    }
  }
}
