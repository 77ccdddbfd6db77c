package io.payrail.launcher.bench;

import java.util.List;

/**
 * What a steady-state phase measured.
 *
 * @param phase its name, e.g. {@code pipeline} or {@code stage risk}
 * @param unit what was counted, e.g. {@code orders}
 * @param windows every window, warm-up and measured, in order
 * @param steady whether warm-up ended on steady windows (false: it ran into its cap) and the
 *     measured windows did not drift
 * @param drifting whether the measured windows still rose or fell (see {@link SteadyState#drifts})
 * @param cutShort whether the phase ended early: its input ran out or it stopped moving
 * @param rate units per second over the measured windows (or the last warm-up windows when it ended
 *     before the measurement began)
 * @param measuredCount units counted in the measured windows
 * @param measuredSeconds how long the measured windows lasted
 */
public record PhaseResult(
    String phase,
    String unit,
    List<Window> windows,
    boolean steady,
    boolean drifting,
    boolean cutShort,
    double rate,
    long measuredCount,
    double measuredSeconds) {

  public PhaseResult {
    windows = List.copyOf(windows);
  }

  /** Seconds spent warming up before the measurement. */
  public double warmupSeconds() {
    return windows.stream().filter(w -> !w.measured()).mapToDouble(Window::seconds).sum();
  }

  /**
   * A word or two for the report: steady, not steady (warm-up ran into its cap), drifting (the
   * measured windows still rose or fell) or cut short.
   */
  public String quality() {
    return cutShort ? "cut short" : drifting ? "drifting" : steady ? "steady" : "not steady";
  }
}
