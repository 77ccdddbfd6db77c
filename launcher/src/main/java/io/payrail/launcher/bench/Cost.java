package io.payrail.launcher.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a phase cost per unit (order, record, request) between two snapshots: records the broker
 * appended, bytes clients produced, transactions, and CPU per process.
 *
 * @param units units finished between the snapshots
 * @param seconds time between them
 * @param recordsPerUnit records appended to all topics (markers and internal topics included)
 * @param recordsPerUnitByTopic the same by topic, largest first; topics below 0.005 left out
 * @param bytesPerUnit bytes clients produced to the broker, or null without broker metrics
 * @param transactionsPerSecond transactions ended (EndTxn requests), or null without metrics
 * @param cpuMsPerUnitByProcess CPU milliseconds per unit of each process
 * @param cpuMsPerUnit the sum over the measured processes, the load generator left out
 * @param coresUsed CPU seconds per second over the measured processes
 */
record Cost(
    long units,
    double seconds,
    double recordsPerUnit,
    Map<String, Double> recordsPerUnitByTopic,
    Double bytesPerUnit,
    Double transactionsPerSecond,
    Map<String, Double> cpuMsPerUnitByProcess,
    double cpuMsPerUnit,
    double coresUsed) {

  private static final double NEGLIGIBLE = 0.005;

  /**
   * The cost between two snapshots of the same processes and topics.
   *
   * @param notCounted processes whose CPU is reported but not part of the total (the load
   *     generator)
   */
  static Cost between(CostSnapshot before, CostSnapshot after, Set<String> notCounted) {
    long units = after.units() - before.units();
    double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
    Map<String, Double> byTopic = new LinkedHashMap<>();
    long records = 0;
    for (Map.Entry<String, Long> topic : after.recordsByTopic().entrySet()) {
      long appended = topic.getValue() - before.recordsByTopic().getOrDefault(topic.getKey(), 0L);
      records += appended;
      if (per(appended, units) >= NEGLIGIBLE) {
        byTopic.put(topic.getKey(), per(appended, units));
      }
    }
    Map<String, Double> cpu = new LinkedHashMap<>();
    double cpuMs = 0;
    double cpuSeconds = 0;
    for (Map.Entry<String, Long> process : after.cpuNanosByProcess().entrySet()) {
      Long earlier = before.cpuNanosByProcess().get(process.getKey());
      if (earlier == null) {
        continue;
      }
      double ms = (process.getValue() - earlier) / 1e6;
      cpu.put(process.getKey(), per(ms, units));
      if (!notCounted.contains(process.getKey())) {
        cpuMs += per(ms, units);
        cpuSeconds += ms / 1000;
      }
    }
    Double bytes = null;
    Double transactions = null;
    if (before.broker() != null && after.broker() != null) {
      bytes = per(after.broker().bytesIn() - before.broker().bytesIn(), units);
      transactions =
          seconds > 0
              ? (after.broker().transactions() - before.broker().transactions()) / seconds
              : 0;
    }
    return new Cost(
        units,
        seconds,
        per(records, units),
        sortedDescending(byTopic),
        bytes,
        transactions,
        cpu,
        cpuMs,
        seconds > 0 ? cpuSeconds / seconds : 0);
  }

  /**
   * The rate these writes allow when the broker can append {@code rawRecordsPerSecond}: the
   * pipeline can go no faster than the broker writes what one order needs.
   */
  double writeBoundCeiling(double rawRecordsPerSecond) {
    return recordsPerUnit > 0 ? rawRecordsPerSecond / recordsPerUnit : 0;
  }

  private static double per(double value, long units) {
    return units > 0 ? value / units : 0;
  }

  private static Map<String, Double> sortedDescending(Map<String, Double> values) {
    Map<String, Double> sorted = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted(
            Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }
}
