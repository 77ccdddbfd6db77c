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
import java.util.UUID;
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
            "3782 822463 10005", // American Express's 4-6-5
            "3782 8224 6310 005",
            "3056 930902 5904", // Diners Club's 4-6-4
            "6759 6498 2643 8454 1", // 17 digits (its first 16 fail Luhn): four fours and the rest
            "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
            "41 11 11 11 11 11 11 11",
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
            "4111 " + inDigitsFrom('\uff10', "1111") + " 1111 " + inDigitsFrom('\u0660', "1111"))) {
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
            // Identifiers whose digit groups a hyphen joins, not grouped like a card number: 29
            // and 27 digits in a row that an eager detector joined (and some window passes Luhn).
            "a1234567-8901-2345-6789-0123456789ab",
            "0f123456-7890-1234-5678-901234567890",
            "12345-67890-12345",
            "4111-111111-1111-6", // 15 digits passing Luhn, but 4-6-4-1 is not how one is written
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

  /**
   * Random UUIDs (orderIds upstream systems commonly use): joining every digit group refused about
   * one in 150 of them; written groupings leave about two in 10,000 (three all-digit groups of four
   * and the start of the last).
   */
  @Test
  void almostNoRandomUuidLooksLikeACardNumber() {
    Random random = new Random(SEED);
    int refused = 0;
    int uuids = 100_000;
    for (int n = 0; n < uuids; n++) {
      if (CardNumbers.containsCardNumber(
          new UUID(random.nextLong(), random.nextLong()).toString())) {
        refused++;
      }
    }
    assertThat(refused).as("seed %d", SEED).isLessThan(uuids / 1_000);
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

  /**
   * The rule read plainly: split the text into runs (anything but digits and separators ends one)
   * and runs into groups (separators); a card number is a Luhn-valid window of 13 to 19 digits in
   * one group, or 13 to 19 digits of whole consecutive groups sized like a written card number.
   */
  private static boolean plainReading(String text) {
    StringBuilder normalised = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isDigit(c)) {
        normalised.append(Character.digit(c, 10));
      } else if (" -./\u00a0\u200b".indexOf(c) >= 0) {
        normalised.append(' ');
      } else {
        normalised.append('x');
      }
    }
    for (String run : normalised.toString().split("x")) {
      List<String> groups = List.of(run.trim().split(" +"));
      for (String group : groups) {
        for (int start = 0; start < group.length(); start++) {
          for (int end = start + 13; end <= Math.min(group.length(), start + 19); end++) {
            if (luhn(digitsOf(group.substring(start, end)))) {
              return true;
            }
          }
        }
      }
      for (int first = 0; first < groups.size(); first++) {
        for (int last = first + 2; last <= groups.size(); last++) {
          List<String> span = groups.subList(first, last);
          String joined = String.join("", span);
          if (joined.length() >= 13
              && joined.length() <= 19
              && writtenLikeACardNumber(span)
              && luhn(digitsOf(joined))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean writtenLikeACardNumber(List<String> groups) {
    List<Integer> sizes = groups.stream().map(String::length).toList();
    boolean printed =
        sizes.subList(0, sizes.size() - 1).stream().allMatch(size -> size == 4)
            && sizes.get(sizes.size() - 1) <= 4;
    return printed
        || sizes.stream().allMatch(size -> size <= 2)
        || sizes.equals(List.of(4, 6, 5))
        || sizes.equals(List.of(4, 6, 4));
  }

  private static List<Integer> digitsOf(String asciiDigits) {
    return asciiDigits.chars().map(c -> c - '0').boxed().toList();
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
