package io.payrail.launcher.bench;

import io.payrail.launcher.console.Progress;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the bench does around one phase: reads costs when its measurement starts and ends, records
 * JFR in every JVM when asked to, and shows the windows as they come.
 *
 * <p>JFR runs through the whole phase, warm-up included, and only its samples from the measured
 * windows are summarised: starting a recording costs a JVM a burst of CPU, which then falls into
 * the warm-up instead of the measurement.
 */
final class MeasuredPhase implements PhaseRunner.Listener, AutoCloseable {

  private final String phase;
  private final String unit;
  private final CostMeter meter;
  private final LongSupplier units;
  private final Profiler profiler;
  private final Progress progress;
  private CostSnapshot before;
  private Cost cost;
  private Instant measureStart;
  private Instant measureEnd;
  private Runnable onStart = () -> {};
  private Runnable onEnd = () -> {};

  /**
   * Starts the phase's recordings when profiling.
   *
   * @param meter reads the costs; null for a phase whose costs do not matter (the raw baseline)
   * @param units the phase's counter, read with each cost snapshot
   * @param profiler null when not profiling
   * @param jvms the JVMs to profile, by name
   */
  MeasuredPhase(
      String phase,
      String unit,
      CostMeter meter,
      LongSupplier units,
      Profiler profiler,
      Supplier<Map<String, Long>> jvms,
      PrintStream out) {
    this.phase = phase;
    this.unit = unit;
    this.meter = meter;
    this.units = units;
    this.profiler = profiler;
    this.progress = Progress.on(out, phase + ", second", 0);
    if (profiler != null) {
      profiler.start(phase, jvms.get());
    }
  }

  /** Also runs these when the measurement starts and ends (the HTTP load's recording). */
  MeasuredPhase around(Runnable start, Runnable end) {
    this.onStart = start;
    this.onEnd = end;
    return this;
  }

  @Override
  public void measureStarts() {
    measureStart = Instant.now();
    before = meter != null ? meter.snapshot(units.getAsLong()) : null;
    onStart.run();
  }

  @Override
  public void measureEnds() {
    onEnd.run();
    measureEnd = Instant.now();
    if (meter != null) {
      Cost measured =
          Cost.between(
              before, meter.snapshot(units.getAsLong()), Set.of(BenchDeployment.LOAD_GENERATOR));
      // Nothing finished in the measured time (a drained backlog): there is no cost per unit.
      cost = measured.units() > 0 ? measured : null;
    }
  }

  @Override
  public void tick(long seconds, Window lastWindow, boolean measuring) {
    String note =
        lastWindow == null
            ? "starting"
            : String.format(
                Locale.ROOT,
                "%,.0f %s/s in the last window, %s",
                lastWindow.rate(),
                unit,
                measuring ? "measuring" : "warming up");
    progress.update(seconds, note);
  }

  /**
   * The phase's result with what was measured around it; stops the recordings and summarises their
   * measured part.
   */
  Measured measured(PhaseResult result) {
    progress.close();
    Map<String, Profiler.HotSpots> hotSpots = Map.of();
    if (profiler != null) {
      hotSpots = profiler.stop(phase, measureStart, measureEnd);
    }
    return new Measured(result, cost, hotSpots);
  }

  @Override
  public void close() {
    progress.close();
  }
}
