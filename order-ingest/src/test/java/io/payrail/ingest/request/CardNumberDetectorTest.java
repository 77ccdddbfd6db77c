package io.payrail.ingest.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumberDetectorTest {

  @Test
  void findsLuhnValidPansPlainGroupedOrEmbedded() {
    assertThat(CardNumberDetector.containsCardNumber("4111111111111111")).isTrue();
    assertThat(CardNumberDetector.containsCardNumber("card 4111 1111 1111 1111 here")).isTrue();
    assertThat(CardNumberDetector.containsCardNumber("{\"t\":\"5500-0000-0000-0004\"}")).isTrue();
    assertThat(CardNumberDetector.containsCardNumber("378282246310005")).isTrue(); // amex, 15
    assertThat(CardNumberDetector.containsCardNumber("6011000990139424")).isTrue();
  }

  @Test
  void ignoresWhatIsNotACardNumber() {
    assertThat(CardNumberDetector.containsCardNumber("4111111111111112")).isFalse(); // Luhn fails
    assertThat(CardNumberDetector.containsCardNumber("411111111111")).isFalse(); // 12 digits
    assertThat(CardNumberDetector.containsCardNumber("41111111111111111111")).isFalse(); // 20
    assertThat(CardNumberDetector.containsCardNumber("4111  1111 1111 1111")).isFalse();
    assertThat(CardNumberDetector.containsCardNumber("{\"amountMinor\":3999,\"q\":2}")).isFalse();
  }
}
