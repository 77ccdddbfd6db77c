package io.payrail.launcher.bench;

import java.util.Map;

/**
 * A phase with what it cost and, when profiled, where its CPU went.
 *
 * @param phase windows and rate
 * @param cost per unit over the measured windows; null when the phase ended before measuring
 * @param hotSpots by JVM, empty unless profiled
 */
record Measured(PhaseResult phase, Cost cost, Map<String, Profiler.HotSpots> hotSpots) {

  Measured {
    hotSpots = Map.copyOf(hotSpots);
  }
}
