package io.payrail.schemas.contract;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rule of one kind of text field: {@code minLength} to {@code maxLength} characters ({@code
 * maxLength} is the size of the SQL column that stores it, where one does), not blank, and accepted
 * by {@code accepts}.
 *
 * @param minLength the shortest value, in chars (at least 1)
 * @param maxLength the longest value, in chars
 * @param accepts what a value of the right length must also satisfy
 * @param expectation what the field must be, for messages ("must be ...")
 */
public record TextRule(
    int minLength, int maxLength, Predicate<String> accepts, String expectation) {

  /** A value of at most {@code maxLength} chars matching {@code pattern} whole. */
  static TextRule matching(int minLength, int maxLength, String pattern, String expectation) {
    Pattern compiled = Pattern.compile(pattern);
    return new TextRule(
        minLength, maxLength, value -> compiled.matcher(value).matches(), expectation);
  }

  /**
   * Why {@code value} breaks the rule ("is required", "must be ..."), or null when it does not.
   * Never quotes the value.
   */
  public String problem(String value) {
    if (value == null) {
      return "is required";
    }
    if (value.isBlank() || value.length() < minLength || value.length() > maxLength) {
      return minLength == maxLength
          ? "must be " + maxLength + " characters"
          : "must be " + minLength + " to " + maxLength + " characters";
    }
    return accepts.test(value) ? null : "must be " + expectation;
  }
}
