package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostTest {

  private static final long SECOND = 1_000_000_000L;

  private final CostSnapshot before =
      new CostSnapshot(
          0,
          1_000,
          Map.of("orders", 100L, "order-risk", 300L, "__consumer_offsets", 50L),
          new BrokerMetrics.Counters(1_000_000, 400, 10),
          Map.of("stack JVM", SECOND, "risk-streams#1", 2 * SECOND, "load generator", SECOND / 2));

  private final CostSnapshot after =
      new CostSnapshot(
          10 * SECOND,
          3_000,
          Map.of(
              "orders", 2_100L,
              "order-risk", 4_300L,
              "__consumer_offsets", 70L,
              "payrail-risk-store-changelog", 2_000L),
          new BrokerMetrics.Counters(3_000_000, 8_400, 510),
          Map.of(
              "stack JVM", 3 * SECOND,
              "risk-streams#1", 3 * SECOND,
              "load generator", SECOND / 2 + 400_000_000L));

  private final Cost cost = Cost.between(before, after, Set.of("load generator"));

  @Test
  void recordsPerOrderCountEveryRecordAppendedAnywhere() {
    assertThat(cost.units()).isEqualTo(2_000);
    // 2,000 orders + 4,000 assessments and markers + 20 offset commits + 2,000 changelog records.
    assertThat(cost.recordsPerUnit()).isCloseTo(8_020 / 2_000.0, within(1e-9));
    assertThat(cost.recordsPerUnitByTopic())
        .containsExactly(
            Map.entry("order-risk", 2.0),
            Map.entry("orders", 1.0),
            Map.entry("payrail-risk-store-changelog", 1.0),
            Map.entry("__consumer_offsets", 0.01));
  }

  @Test
  void bytesAndTransactionsComeFromTheBrokersCounters() {
    assertThat(cost.bytesPerUnit()).isEqualTo(1_000.0);
    assertThat(cost.transactionsPerSecond()).isEqualTo(50.0);
  }

  @Test
  void cpuPerOrderSumsThePipelinesProcessesButNotTheLoadGenerator() {
    assertThat(cost.cpuMsPerUnitByProcess())
        .containsEntry("stack JVM", 1.0)
        .containsEntry("risk-streams#1", 0.5)
        .containsEntry("load generator", 0.2);
    assertThat(cost.cpuMsPerUnit()).isCloseTo(1.5, within(1e-9));
    assertThat(cost.coresUsed()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void theWriteBoundCeilingIsTheRawProduceRateOverRecordsPerOrder() {
    assertThat(cost.writeBoundCeiling(200_000)).isCloseTo(200_000 / 4.01, within(1e-6));
  }

  @Test
  void withoutBrokerMetricsBytesAndTransactionsAreUnknownNotZero() {
    CostSnapshot blindBefore =
        new CostSnapshot(0, 0, Map.of("orders", 0L), null, Map.of("stack JVM", 0L));
    CostSnapshot blindAfter =
        new CostSnapshot(SECOND, 100, Map.of("orders", 100L), null, Map.of("stack JVM", SECOND));

    Cost blind = Cost.between(blindBefore, blindAfter, Set.of());

    assertThat(blind.bytesPerUnit()).isNull();
    assertThat(blind.transactionsPerSecond()).isNull();
    assertThat(blind.cpuMsPerUnit()).isEqualTo(10.0);
  }
}
