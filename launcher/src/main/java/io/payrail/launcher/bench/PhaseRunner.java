package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs one phase by the {@link SteadyState} rule: samples a counter of finished units (orders
 * through the pipeline, records produced, requests answered) once a window, warms up until the
 * windows are steady, then measures. The load itself runs elsewhere; this only watches it.
 */
final class PhaseRunner {

  /** Time, so that tests can drive a phase through synthetic windows without waiting. */
  interface Ticker {
    long nanoTime();

    void sleepUntil(long nanoTime);

    Ticker SYSTEM =
        new Ticker() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleepUntil(long nanoTime) {
            long wait;
            while ((wait = nanoTime - System.nanoTime()) > 0) {
              LockSupport.parkNanos(wait);
            }
          }
        };
  }

  /** What the bench does when the measurement starts and ends, and how it shows progress. */
  interface Listener {
    /** The measurement starts now (after the sample that ended warm-up). */
    default void measureStarts() {}

    /** The measurement ended now (right after its last sample). */
    default void measureEnds() {}

    /**
     * About once a second.
     *
     * @param seconds since the phase began
     * @param lastWindow the last finished window, null before the first
     * @param measuring whether warm-up is over
     */
    default void tick(long seconds, Window lastWindow, boolean measuring) {}
  }

  private static final Duration TICK = Duration.ofSeconds(1);

  private final SteadyState rule;
  private final Ticker ticker;

  PhaseRunner(SteadyState rule, Ticker ticker) {
    this.rule = rule;
    this.ticker = ticker;
  }

  SteadyState rule() {
    return rule;
  }

  /**
   * Watches a phase until it was measured, its input ran out, or it stopped moving.
   *
   * @param phase the phase's name for the report
   * @param unit what the counter counts
   * @param counter finished units so far (only its increase matters)
   * @param warmupFloor units that must be finished before the windows may count as steady
   * @param inputExhausted whether the phase has nothing left to do (a drained backlog)
   */
  PhaseResult run(
      String phase,
      String unit,
      LongSupplier counter,
      long warmupFloor,
      BooleanSupplier inputExhausted,
      Listener listener) {
    long windowNanos = rule.window().toNanos();
    long start = ticker.nanoTime();
    long base = counter.getAsLong();
    long lastCount = base;
    long lastNanos = start;
    long next = start + windowNanos;
    List<Window> windows = new ArrayList<>();
    List<Double> warmupRates = new ArrayList<>();
    boolean measuring = false;
    boolean steady = false;
    boolean cutShort = false;
    boolean moved = false;
    long measureStart = 0;
    Window lastWindow = null;
    while (true) {
      for (long now = ticker.nanoTime(); now < next; now = ticker.nanoTime()) {
        ticker.sleepUntil(Math.min(next, now + TICK.toNanos()));
        listener.tick((ticker.nanoTime() - start) / 1_000_000_000L, lastWindow, measuring);
      }
      long now = ticker.nanoTime();
      long count = counter.getAsLong();
      double seconds = (now - lastNanos) / 1e9;
      long delta = count - lastCount;
      // A pause before the warm-up floor is a cold start (a first big transaction, the JIT), not
      // the end of the input: only a phase past its floor stops when it stops moving.
      boolean stalled = moved && delta == 0 && count - base >= warmupFloor;
      moved |= delta > 0;
      boolean exhausted = inputExhausted.getAsBoolean() || stalled;
      // The window in which the input ran out was partly idle: kept in the series, never measured.
      lastWindow =
          new Window(
              (lastNanos - start) / 1e9, seconds, delta, delta / seconds, measuring && !exhausted);
      windows.add(lastWindow);
      if (exhausted) {
        cutShort = true;
        if (measuring) {
          listener.measureEnds();
        }
        break;
      }
      if (measuring) {
        if (now - measureStart >= rule.measure().toNanos()) {
          listener.measureEnds();
          break;
        }
      } else {
        warmupRates.add(lastWindow.rate());
        boolean floorReached = count - base >= warmupFloor;
        steady = floorReached && rule.isSteady(warmupRates);
        if (steady || now - start >= rule.maxWarmup().toNanos()) {
          measuring = true;
          measureStart = now;
          listener.measureStarts();
        }
      }
      lastCount = count;
      lastNanos = now;
      next += windowNanos;
    }
    return result(phase, unit, windows, steady, cutShort);
  }

  private PhaseResult result(
      String phase, String unit, List<Window> windows, boolean steady, boolean cutShort) {
    List<Window> measured = windows.stream().filter(Window::measured).toList();
    if (measured.isEmpty()) {
      // Ended before the measurement: the best there is are the last whole warm-up windows.
      List<Window> whole = cutShort ? windows.subList(0, windows.size() - 1) : windows;
      measured = whole.subList(Math.max(0, whole.size() - rule.stableWindows()), whole.size());
      steady = false;
    }
    boolean drifting = rule.drifts(measured.stream().map(Window::rate).toList());
    long count = measured.stream().mapToLong(Window::count).sum();
    double seconds = measured.stream().mapToDouble(Window::seconds).sum();
    double rate = seconds > 0 ? count / seconds : 0;
    return new PhaseResult(
        phase, unit, windows, steady && !drifting, drifting, cutShort, rate, count, seconds);
  }
}
