package io.payrail.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurrenciesTest {

  @Test
  void activeCurrenciesAreAcceptedWithTheirIsoMinorUnits() {
    assertThat(Currencies.minorDigits("EUR")).isEqualTo(2);
    assertThat(Currencies.minorDigits("USD")).isEqualTo(2);
    assertThat(Currencies.minorDigits("JPY")).isZero();
    assertThat(Currencies.minorDigits("CLP")).isZero();
    assertThat(Currencies.minorDigits("XOF")).isZero();
    assertThat(Currencies.minorDigits("BHD")).isEqualTo(3);
    assertThat(Currencies.minorDigits("KWD")).isEqualTo(3);
    // Introduced recently: Java 17's own currency data may not know them.
    assertThat(Currencies.minorDigits("XCG")).isEqualTo(2);
    assertThat(Currencies.minorDigits("ZWG")).isEqualTo(2);
    assertThat(Currencies.minorUnitsPerMajor("BHD")).isEqualTo(1000);
    assertThat(Currencies.minorUnitsPerMajor("JPY")).isEqualTo(1);
  }

  @Test
  void codesThatAreNotMoneyAreRefused() {
    for (String code :
        List.of(
            "XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XAD", "XBA", "XBB",
            "XBC", "XBD", "CLF", "USN", "BOV", "CHE", "CHW", "COU", "MXV", "UYI", "UYW")) {
      assertThat(Currencies.isActive(code)).as(code).isFalse();
      assertThatThrownBy(() -> Currencies.minorDigits(code))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void withdrawnCurrenciesAreRefused() {
    for (String code :
        List.of(
            "HRK", "BGN", "ANG", "CUC", "SLL", "ZWL", "VEF", "MRO", "STD", "BYR", "LTL", "LVL",
            "DEM", "FRF", "ZWD")) {
      assertThat(Currencies.isActive(code)).as(code).isFalse();
    }
  }

  @Test
  void codesAreExactUpperCase() {
    assertThat(Currencies.isActive("EUR")).isTrue();
    assertThat(Currencies.isActive("eur")).isFalse();
    assertThat(Currencies.isActive("Eur")).isFalse();
    assertThat(Currencies.isActive(" EUR")).isFalse();
    assertThat(Currencies.isActive(null)).isFalse();
  }

  @Test
  void theListHoldsTheWorldsCurrenciesOnly() {
    assertThat(Currencies.codes())
        .hasSizeBetween(150, 170)
        .allMatch(code -> code.matches("[A-Z]{3}"))
        .contains("EUR", "USD", "GBP", "CHF", "CNY", "INR", "BRL", "XAF", "XCD", "XPF");
  }
}
