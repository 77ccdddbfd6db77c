package io.payrail.audit.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.TopicReadTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AuditRoundsTest {

  private static final AuditReport CLEAN =
      new AuditReport("all orders", Map.of(Audit.ORDERS_IN_FLIGHT, 7), List.of(), List.of());

  private static final AuditReport UNCLEAN =
      new AuditReport(
          "all orders",
          Map.of(Audit.ORDERS_IN_FLIGHT, 3),
          List.of(
              new Discrepancy(DiscrepancyKind.MISSING_RISK_ASSESSMENT, "o-1", "c-1", "lost"),
              new Discrepancy(DiscrepancyKind.DUPLICATE_CHARGE, "o-2", "c-2", "twice")),
          List.of());

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<AuditReport> written = new ArrayList<>();

  @Test
  void roundsEndWithTheFirstThatFindsDiscrepanciesAndTheGaugeShowsThem() throws Exception {
    AuditRounds rounds =
        new AuditRounds(
            rounds(() -> CLEAN, () -> CLEAN, () -> UNCLEAN),
            registry,
            Duration.ZERO,
            false,
            written::add);

    assertThat(rounds.run()).isSameAs(UNCLEAN);

    assertThat(written).containsExactly(CLEAN, CLEAN, UNCLEAN);
    assertThat(gauge("payrail.audit.discrepancies")).isEqualTo(2);
    assertThat(gauge("payrail.audit.orders.in.flight")).isEqualTo(3);
    assertThat(gauge("payrail.audit.last.round")).isPositive();
    assertThat(rounds("clean")).isEqualTo(2);
    assertThat(rounds("discrepancies")).isEqualTo(1);
  }

  @Test
  void aFailedRoundEndsTheRoundsWithItsError() {
    AuditRounds rounds =
        new AuditRounds(
            rounds(
                () -> CLEAN,
                () -> {
                  throw new TopicReadTimeoutException("broker away");
                }),
            registry,
            Duration.ZERO,
            false,
            written::add);

    assertThatThrownBy(rounds::run).isInstanceOf(TopicReadTimeoutException.class);
    assertThat(rounds("failed")).isEqualTo(1);
    assertThat(rounds("clean")).isEqualTo(1);
  }

  @Test
  void keepGoingRunsOnAfterDiscrepanciesAndFailuresAndTheGaugeFollowsTheLatestRound() {
    AuditRounds rounds =
        new AuditRounds(
            rounds(
                () -> UNCLEAN,
                () -> {
                  throw new TopicReadTimeoutException("broker away");
                },
                () -> {
                  // Stops the rounds before the next one, as a shutdown would.
                  Thread.currentThread().interrupt();
                  return CLEAN;
                }),
            registry,
            Duration.ZERO,
            true,
            written::add);

    assertThatThrownBy(rounds::run).isInstanceOf(InterruptedException.class);
    assertThat(written).containsExactly(UNCLEAN, CLEAN);
    assertThat(gauge("payrail.audit.discrepancies")).isZero();
    assertThat(gauge("payrail.audit.orders.in.flight")).isEqualTo(7);
    assertThat(rounds("discrepancies")).isEqualTo(1);
    assertThat(rounds("failed")).isEqualTo(1);
    assertThat(rounds("clean")).isEqualTo(1);
  }

  @SafeVarargs
  private static Supplier<AuditReport> rounds(Supplier<AuditReport>... each) {
    Deque<Supplier<AuditReport>> left = new ArrayDeque<>(List.of(each));
    return () -> left.removeFirst().get();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double rounds(String outcome) {
    return registry.get("payrail.audit.rounds").tag("outcome", outcome).counter().count();
  }
}
