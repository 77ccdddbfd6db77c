package io.payrail.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code usual × multiplier} stops at {@code Long.MAX_VALUE}: no amount is above that. */
class SaturatingRulesTest {

  @Test
  void aUsualAmountTimesTheMultiplierPastLongMaxStaysThere() {
    assertThat(RiskRules.timesSaturated(Long.MAX_VALUE / 2, 5)).isEqualTo(Long.MAX_VALUE);
    assertThat(RiskRules.timesSaturated(1_000, 5)).isEqualTo(5_000);
  }
}
