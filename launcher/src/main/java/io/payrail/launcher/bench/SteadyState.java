package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.List;

/**
 * When a phase's throughput counts as steady, and how long it is measured then: the rate is taken
 * in windows, warm-up lasts until {@code stableWindows} consecutive windows lie within {@code
 * tolerance} of their mean (or {@code maxWarmup} has passed), and the measurement is the next
 * {@code measure}. A JIT still compiling, a cache still filling or a backlog still building shows
 * as windows that keep rising or falling; measuring before they settle measures the warm-up.
 *
 * @param window how long one window is
 * @param stableWindows how many consecutive windows must agree
 * @param tolerance how far from their mean each of them may be, as a fraction (0.05 = 5 %)
 * @param maxWarmup the longest warm-up; after it the phase is measured anyway and marked unsteady
 * @param measure how long the steady phase is measured
 */
public record SteadyState(
    Duration window, int stableWindows, double tolerance, Duration maxWarmup, Duration measure) {

  public SteadyState {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a window must last, got " + window);
    }
    if (stableWindows < 2) {
      throw new IllegalArgumentException("steady needs at least two windows, got " + stableWindows);
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance is a fraction in (0, 1), got " + tolerance);
    }
  }

  /** The same rule with another window length (phases much shorter or longer than the rest). */
  SteadyState withWindow(Duration other) {
    return new SteadyState(other, stableWindows, tolerance, maxWarmup, measure);
  }

  /**
   * Whether measured windows still drift: the second half's mean differs from the first half's by
   * more than twice the tolerance. Three windows within 5 % of each other can be the flat part of a
   * slow ramp (nine JVMs still compiling); noise around a level averages out in the halves, a ramp
   * does not.
   */
  boolean drifts(List<Double> rates) {
    if (rates.size() < 2) {
      return false;
    }
    int half = rates.size() / 2;
    double first =
        rates.subList(0, half).stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double second =
        rates.subList(half, rates.size()).stream()
            .mapToDouble(Double::doubleValue)
            .average()
            .orElse(0);
    double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return mean > 0 && Math.abs(second - first) > 2 * tolerance * mean;
  }

  /** The same rule with another warm-up cap. */
  SteadyState withMaxWarmup(Duration other) {
    return new SteadyState(window, stableWindows, tolerance, other, measure);
  }

  /**
   * Whether the last {@link #stableWindows} rates are steady: all above zero and each within {@link
   * #tolerance} of their mean.
   */
  boolean isSteady(List<Double> rates) {
    if (rates.size() < stableWindows) {
      return false;
    }
    List<Double> last = rates.subList(rates.size() - stableWindows, rates.size());
    double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    if (mean <= 0) {
      return false;
    }
    return last.stream().allMatch(rate -> rate > 0 && Math.abs(rate - mean) <= tolerance * mean);
  }
}
