package io.payrail.ingest.request;

/**
 * Finds what looks like a full card number (a primary account number): a run of 13 to 19 digits,
 * optionally grouped by single spaces or dashes, that passes the Luhn check. It scans raw bytes so
 * it runs before any parsing, logging or binding can touch the value.
 */
public final class CardNumberDetector {

  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;
  private static final int LUHN_MODULUS = 10;

  private CardNumberDetector() {}

  public static boolean containsCardNumber(byte[] body) {
    return containsCardNumber(new ByteChars(body));
  }

  public static boolean containsCardNumber(CharSequence text) {
    int[] digits = new int[MAX_DIGITS + 1];
    int count = 0;
    boolean separatorPending = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '\0';
      if (c >= '0' && c <= '9') {
        if (count <= MAX_DIGITS) {
          digits[count] = c - '0';
        }
        count++;
        separatorPending = false;
      } else if ((c == ' ' || c == '-') && count > 0 && !separatorPending) {
        // One separator between digit groups keeps the run going: "4111 1111-1111 1111".
        separatorPending = true;
      } else {
        if (isCardNumber(digits, count)) {
          return true;
        }
        count = 0;
        separatorPending = false;
      }
    }
    return false;
  }

  private static boolean isCardNumber(int[] digits, int count) {
    if (count < MIN_DIGITS || count > MAX_DIGITS) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < count; i++) {
      int digit = digits[count - 1 - i];
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % LUHN_MODULUS == 0;
  }

  /** The body's bytes as chars without decoding: digits, spaces and dashes are ASCII in UTF-8. */
  private record ByteChars(byte[] bytes) implements CharSequence {
    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }
  }
}
