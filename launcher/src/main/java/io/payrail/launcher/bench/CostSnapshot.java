package io.payrail.launcher.bench;

import java.util.Map;

/**
 * The counters a cost is the difference of, read at one moment.
 *
 * @param nanoTime when
 * @param units the phase's counter (orders finished), read with the rest
 * @param recordsByTopic the sum of the end offsets of each topic's partitions: every record the
 *     broker appended, transaction markers and internal topics included
 * @param broker the broker's own counters, when its metrics could be read
 * @param cpuNanosByProcess CPU time (user + system) each process used so far
 */
record CostSnapshot(
    long nanoTime,
    long units,
    Map<String, Long> recordsByTopic,
    BrokerMetrics.Counters broker,
    Map<String, Long> cpuNanosByProcess) {

  CostSnapshot {
    recordsByTopic = Map.copyOf(recordsByTopic);
    cpuNanosByProcess = Map.copyOf(cpuNanosByProcess);
  }
}
