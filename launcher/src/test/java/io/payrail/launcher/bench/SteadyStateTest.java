package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

  private static final SteadyState RULE =
      new SteadyState(
          Duration.ofSeconds(5), 3, 0.05, Duration.ofSeconds(120), Duration.ofSeconds(30));

  @Test
  void threeWindowsEachWithinFivePercentOfTheirMeanAreSteady() {
    assertThat(RULE.isSteady(List.of(20.0, 95.0, 100.0, 104.0))).isTrue();
    assertThat(RULE.isSteady(List.of(1000.0, 1000.0, 1000.0))).isTrue();
  }

  @Test
  void aRiseOrFallBeyondFivePercentIsNotSteady() {
    assertThat(RULE.isSteady(List.of(90.0, 100.0, 110.0))).isFalse();
    assertThat(RULE.isSteady(List.of(100.0, 100.0, 89.0))).isFalse();
  }

  @Test
  void onlyTheLastWindowsCountAndTheyMustAllMove() {
    assertThat(RULE.isSteady(List.of(100.0, 100.0))).isFalse();
    assertThat(RULE.isSteady(List.of(100.0, 100.0, 100.0, 0.0))).isFalse();
    assertThat(RULE.isSteady(List.of(0.0, 0.0, 0.0))).isFalse();
  }

  @Test
  void measuredWindowsThatKeepRisingDriftButNoiseAroundALevelDoesNot() {
    assertThat(RULE.drifts(List.of(1673.0, 2103.0, 2325.0, 2763.0))).isTrue();
    assertThat(RULE.drifts(List.of(3000.0, 2400.0, 3600.0, 2400.0, 3600.0, 3000.0))).isFalse();
    assertThat(RULE.drifts(List.of(1000.0))).isFalse();
  }

  @Test
  void aRuleThatCouldNeverHoldIsRejected() {
    assertThatThrownBy(
            () ->
                new SteadyState(
                    Duration.ofSeconds(5), 1, 0.05, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("two windows");
    assertThatThrownBy(
            () ->
                new SteadyState(
                    Duration.ofSeconds(5), 3, 1.5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("fraction");
  }
}
