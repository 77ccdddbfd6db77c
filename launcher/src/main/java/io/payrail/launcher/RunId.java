package io.payrail.launcher;

/**
 * Ids for the test traffic of a run (chaos, bench): lower-case letters only, because ids must never
 * carry a long digit run (the facade rejects anything that could be a card number).
 */
public final class RunId {

  private RunId() {}

  /** {@code length} letters from {@code value}: different values, different ids. */
  public static String letters(long value, int length) {
    StringBuilder text = new StringBuilder();
    long rest = Math.abs(value);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + rest % 26));
      rest /= 26;
    }
    return text.toString();
  }
}
