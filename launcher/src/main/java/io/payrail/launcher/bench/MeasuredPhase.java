package io.payrail.launcher.bench;

import io.payrail.launcher.console.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the bench does around one phase's measurement: reads costs when it starts and ends, profiles
 * the JVMs in between when asked to, and shows the windows as they come.
 */
final class MeasuredPhase implements PhaseRunner.Listener, AutoCloseable {

  private final String phase;
  private final String unit;
  private final CostMeter meter;
  private final LongSupplier units;
  private final Profiler profiler;
  private final Supplier<Map<String, Long>> jvms;
  private final Progress progress;
  private CostSnapshot before;
  private Cost cost;
  private Map<String, Profiler.HotSpots> hotSpots = Map.of();
  private Runnable onStart = () -> {};
  private Runnable onEnd = () -> {};

  /**
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
    this.jvms = jvms;
    this.progress = Progress.on(out, phase + ", second", 0);
  }

  /** Also runs these when the measurement starts and ends (the HTTP load's recording). */
  MeasuredPhase around(Runnable start, Runnable end) {
    this.onStart = start;
    this.onEnd = end;
    return this;
  }

  @Override
  public void measureStarts() {
    before = meter != null ? meter.snapshot(units.getAsLong()) : null;
    if (profiler != null) {
      profiler.start(phase, jvms.get());
    }
    onStart.run();
  }

  @Override
  public void measureEnds() {
    onEnd.run();
    if (meter != null) {
      cost =
          Cost.between(
              before, meter.snapshot(units.getAsLong()), Set.of(BenchDeployment.LOAD_GENERATOR));
    }
    if (profiler != null) {
      hotSpots = profiler.stop(phase);
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

  /** The cost of the measured windows; null when not metered or ended before measuring. */
  Cost cost() {
    return cost;
  }

  Map<String, Profiler.HotSpots> hotSpots() {
    return hotSpots;
  }

  /** The phase's result with what was measured around it. */
  Measured measured(PhaseResult result) {
    return new Measured(result, cost, hotSpots);
  }

  @Override
  public void close() {
    progress.close();
  }
}
