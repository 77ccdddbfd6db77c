package io.payrail.risk.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Spend sums stop at {@code Long.MAX_VALUE} instead of failing: the contract's maximum amount keeps
 * absurd orders out at the intake, and this keeps a customer's later orders scorable should one get
 * through anyway (a raised maximum, an order from before it).
 */
class SaturatingFeaturesTest {

  @Test
  void aSpendSumPastLongMaxStaysThereInsteadOfFailing() {
    assertThat(CustomerHistory.plusSaturated(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(CustomerHistory.plusSaturated(Long.MAX_VALUE - 5, Long.MAX_VALUE))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(CustomerHistory.plusSaturated(4_999, 1)).isEqualTo(5_000);
  }
}
