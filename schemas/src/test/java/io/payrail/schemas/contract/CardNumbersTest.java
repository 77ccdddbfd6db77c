package io.payrail.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CardNumbersTest {

  private static final String VISA = "4111111111111111";
  private static final long SEED = Long.getLong("payrail.fuzz.seed", System.nanoTime());

  @Test
  void findsCardNumbersWrittenPlainOrWithAnySeparator() {
    for (String written :
        List.of(
            VISA,
            "4111 1111 1111 1111",
            "4111  1111   1111 1111",
            "4111.1111.1111.1111",
            "4111-1111-1111-1111",
            "4111/1111/1111/1111",
            "4111 - 1111 - 1111 - 1111",
            "4111\u00a01111\u00a01111\u00a01111",
            "4111\u20091111\u202f1111\u30001111",
            "4111\u200b1111\u200c1111\u200d1111",
            "4111\u00ad1111\u20601111\ufeff1111",
            "4111\u20131111\u20141111\u22121111",
            "4111\t1111\n1111\r\n1111",
            "card: 5500 0000 0000 0004, thanks",
            "378282246310005",
            "6011000990139424")) {
      assertThat(CardNumbers.containsCardNumber(written)).as(escaped(written)).isTrue();
    }
  }

  @Test
  void findsCardNumbersWrittenInAnyScriptsDigits() {
    for (String written :
        List.of(
            inDigitsFrom('\u0660', VISA), // Arabic-Indic
            inDigitsFrom('\u06f0', VISA), // Extended Arabic-Indic
            inDigitsFrom('\u0966', VISA), // Devanagari
            inDigitsFrom('\uff10', VISA), // fullwidth
            inDigitsFrom(0x1d7ce, VISA), // mathematical bold, outside the BMP
            "4111" + inDigitsFrom('\uff10', "1111") + " 1111 " + inDigitsFrom('\u0660', "1111"))) {
      assertThat(CardNumbers.containsCardNumber(written)).as(escaped(written)).isTrue();
    }
  }

  @Test
  void findsACardNumberWithMoreDigitsBeforeOrAfterIt() {
    assertThat(CardNumbers.containsCardNumber(VISA + "7")).isTrue();
    assertThat(CardNumbers.containsCardNumber("7" + VISA)).isTrue();
    assertThat(CardNumbers.containsCardNumber("98" + VISA + "123")).isTrue();
    assertThat(CardNumbers.containsCardNumber("4111 1111 1111 1111 0")).isTrue();
  }

  @Test
  void findsCardNumbersOfEveryLengthFrom13To19() {
    for (int length = CardNumbers.MIN_DIGITS; length <= CardNumbers.MAX_DIGITS; length++) {
      String pan = withCheckDigit("5" + "3".repeat(length - 2));
      assertThat(CardNumbers.containsCardNumber("x" + pan + "x")).as(pan).isTrue();
    }
  }

  @Test
  void ignoresWhatIsNotACardNumber() {
    for (String text :
        List.of(
            "",
            "411111111111", // 12 digits
            "4111 1111 1111",
            "4111x1111x1111x1111", // letters end a run
            "4111,1111,1111,1111", // commas too
            "{\"amountMinor\":999999999999,\"quantity\":1000000}",
            "order-2026-11-30-000123",
            "tok_visa",
            "\u00b2\u00b3\u00b9\u00b2\u00b3\u00b9\u00b2\u00b3\u00b9\u00b2\u00b3\u00b9\u00b2\u00b3"
                + "\u00b9\u00b2")) { // superscripts are not decimal digits
      assertThat(CardNumbers.containsCardNumber(text)).as(escaped(text)).isFalse();
    }
  }

  /** Random texts of digits, separators and letters: the detector says what the rule says. */
  @Test
  void agreesWithAPlainReadingOfTheRuleOnRandomText() {
    Random random = new Random(SEED);
    String[] pieces = {
      "4", "1", "5", "0", "9", " ", "  ", "-", ".", "/", "\u00a0", "\u200b", "\u0664", "\uff11",
      "a", ",", "_", "\""
    };
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      assertThat(CardNumbers.containsCardNumber(text))
          .as("seed %d: %s", SEED, escaped(text.toString()))
          .isEqualTo(plainReading(text.toString()));
    }
  }

  @Test
  void namesEveryFieldOfARecordThatHoldsACardNumberButNeverATimestamp() {
    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId("o-1")
            .setMerchantId("m-1")
            .setCustomerId("c-1")
            .setAmountMinor(4_111_111_111_111_111L)
            .setCurrency("EUR")
            .setItems(
                List.of(new LineItem("sku-1", 1, 100L), new LineItem("gift " + VISA, 1, 100L)))
            .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "1111", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.WEB)
            // 13 digits of epoch milliseconds that pass Luhn, and are not a card number.
            .setPlacedAt(Instant.ofEpochMilli(1_764_500_000_005L))
            .build();
    assertThat(CardNumbers.containsCardNumber("1764500000005")).isTrue();

    assertThat(CardNumbers.fieldsWithCardNumbers(order))
        .containsExactly("amountMinor", "items[1].sku");
  }

  /** Every maximal run of digits (separators skipped), every window of 13 to 19, Luhn. */
  private static boolean plainReading(String text) {
    List<Integer> run = new ArrayList<>();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : 'a';
      if (Character.isDigit(c)) {
        run.add(Character.digit(c, 10));
        continue;
      }
      if (" -./\u00a0\u200b".indexOf(c) >= 0) {
        continue;
      }
      for (int start = 0; start < run.size(); start++) {
        for (int end = start + 13; end <= Math.min(run.size(), start + 19); end++) {
          if (luhn(run.subList(start, end))) {
            return true;
          }
        }
      }
      run.clear();
    }
    return false;
  }

  private static boolean luhn(List<Integer> digits) {
    int sum = 0;
    for (int i = 0; i < digits.size(); i++) {
      int d = digits.get(digits.size() - 1 - i);
      sum += i % 2 == 0 ? d : (d * 2 > 9 ? d * 2 - 9 : d * 2);
    }
    return sum % 10 == 0;
  }

  private static String withCheckDigit(String body) {
    for (int check = 0; check <= 9; check++) {
      List<Integer> digits = new ArrayList<>();
      (body + check).chars().forEach(c -> digits.add(c - '0'));
      if (luhn(digits)) {
        return body + check;
      }
    }
    throw new IllegalStateException("no check digit");
  }

  private static String inDigitsFrom(int zero, String asciiDigits) {
    StringBuilder text = new StringBuilder();
    asciiDigits.chars().forEach(c -> text.appendCodePoint(zero + (c - '0')));
    return text.toString();
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c ->
                out.append(
                    c < 0x7f && c >= 0x20
                        ? Character.toString(c)
                        : "\\u{" + Integer.toHexString(c) + "}"));
    return out.toString();
  }
}
