package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steady-state rule on synthetic series: time is a fake clock, the counter follows it. */
class PhaseRunnerTest {

  private static final SteadyState RULE =
      new SteadyState(
          Duration.ofSeconds(5), 3, 0.05, Duration.ofSeconds(30), Duration.ofSeconds(15));

  /** A clock that jumps to wherever the runner sleeps until. */
  private static final class FakeTicker implements PhaseRunner.Ticker {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long nanoTime) {
      now = Math.max(now, nanoTime);
    }
  }

  /** Units finished by time t when window k runs at rates[k] per second (the last rate repeats). */
  private static long count(long nanos, double[] rates, long cap) {
    double seconds = nanos / 1e9;
    double total = 0;
    for (int k = 0; seconds > 0; k++) {
      double span = Math.min(5, seconds);
      total += rates[Math.min(k, rates.length - 1)] * span;
      seconds -= span;
    }
    return Math.min(cap, Math.round(total));
  }

  private final FakeTicker ticker = new FakeTicker();
  private final List<String> events = new ArrayList<>();
  private final PhaseRunner.Listener listener =
      new PhaseRunner.Listener() {
        @Override
        public void measureStarts() {
          events.add("start@" + ticker.now / 1_000_000_000L);
        }

        @Override
        public void measureEnds() {
          events.add("end@" + ticker.now / 1_000_000_000L);
        }
      };

  private PhaseResult run(double[] rates, long floor, long cap) {
    return new PhaseRunner(RULE, ticker)
        .run(
            "pipeline",
            "orders",
            () -> count(ticker.now, rates, cap),
            floor,
            () -> count(ticker.now, rates, cap) >= cap,
            listener);
  }

  @Test
  void warmUpEndsOnThreeWindowsWithinFivePercentThenTheNextFifteenSecondsAreMeasured() {
    double[] rates = {100, 500, 900, 1000, 1010, 995, 1002, 998, 1001, 5000};

    PhaseResult result = run(rates, 0, Long.MAX_VALUE);

    assertThat(result.steady()).isTrue();
    assertThat(result.cutShort()).isFalse();
    assertThat(result.windows()).hasSize(9);
    assertThat(result.windows().stream().filter(Window::measured).map(Window::rate))
        .containsExactly(1002.0, 998.0, 1001.0);
    assertThat(result.warmupSeconds()).isEqualTo(30);
    assertThat(result.rate()).isCloseTo((1002 + 998 + 1001) / 3.0, within(0.01));
    assertThat(result.measuredCount()).isEqualTo((1002 + 998 + 1001) * 5);
    assertThat(events).containsExactly("start@30", "end@45");
  }

  @Test
  void aRateThatNeverSettlesIsMeasuredAfterTheCapAndSaysSo() {
    double[] rates = {500, 1000, 500, 1000, 500, 1000, 800, 800, 800};

    PhaseResult result = run(rates, 0, Long.MAX_VALUE);

    assertThat(result.steady()).isFalse();
    assertThat(result.quality()).isEqualTo("not steady");
    assertThat(result.warmupSeconds()).isEqualTo(30);
    assertThat(result.rate()).isCloseTo(800, within(0.01));
    assertThat(events).containsExactly("start@30", "end@45");
  }

  @Test
  void aSlowRampThatLooksFlatForThreeWindowsIsReportedDrifting() {
    double[] rates = {0, 500, 1000, 1600, 1640, 1610, 1700, 2100, 2300, 2700};

    PhaseResult result = run(rates, 0, Long.MAX_VALUE);

    assertThat(events).containsExactly("start@30", "end@45");
    assertThat(result.steady()).isFalse();
    assertThat(result.drifting()).isTrue();
    assertThat(result.quality()).isEqualTo("drifting");
  }

  @Test
  void steadyWindowsDoNotCountBeforeTheWarmUpFloor() {
    double[] rates = {1000};

    PhaseResult result = run(rates, 20_000, Long.MAX_VALUE);

    // Steady from the third window on, but 20,000 orders are through only after the fourth.
    assertThat(result.steady()).isTrue();
    assertThat(result.warmupSeconds()).isEqualTo(20);
    assertThat(events).containsExactly("start@20", "end@35");
  }

  @Test
  void aStageThatStopsMovingWhileMeasuredIsCutShortAndMeasuredUpToThere() {
    double[] rates = {1000, 1000, 1000, 1000, 0};

    PhaseResult result = run(rates, 0, Long.MAX_VALUE);

    assertThat(result.cutShort()).isTrue();
    assertThat(result.quality()).isEqualTo("cut short");
    assertThat(result.windows()).hasSize(5);
    assertThat(result.windows().stream().filter(Window::measured).map(Window::rate))
        .containsExactly(1000.0);
    assertThat(result.rate()).isEqualTo(1000);
    assertThat(events).containsExactly("start@15", "end@25");
  }

  @Test
  void aPauseBeforeTheWarmUpFloorIsPartOfTheWarmUp() {
    double[] rates = {10, 0, 1000, 1000, 1000, 1000, 1000, 1000};

    PhaseResult result = run(rates, 5_000, Long.MAX_VALUE);

    assertThat(result.cutShort()).isFalse();
    assertThat(result.steady()).isTrue();
    assertThat(result.rate()).isEqualTo(1000);
  }

  @Test
  void aBacklogDrainedDuringWarmUpIsRatedOnItsLastWholeWindows() {
    double[] rates = {500, 1000, 1000, 1000};

    PhaseResult result = run(rates, 0, 16_000);

    // 2,500 + 5,000 + 5,000 by 15 s, the rest (3,500) runs out inside the fourth window.
    assertThat(result.cutShort()).isTrue();
    assertThat(result.steady()).isFalse();
    assertThat(result.windows()).hasSize(4);
    assertThat(result.rate()).isCloseTo(12_500 / 15.0, within(0.01));
    assertThat(events).isEmpty();
  }
}
