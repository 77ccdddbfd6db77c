package io.payrail.schemas.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Finds what looks like a full card number (a primary account number, PAN) in text: 13 to 19 digits
 * that pass the Luhn check, written the way card numbers are written. Digits are the decimal digits
 * of any script (ASCII, Arabic-Indic, fullwidth, mathematical...). A run of digits may be broken
 * into groups by separators: spaces of every kind (several in a row, no-break, thin, ideographic),
 * dots, hyphens and other dashes, slashes and invisible format characters (zero-width space and
 * joiners, soft hyphen, BOM). A card number is then
 *
 * <ul>
 *   <li>13 to 19 digits inside one group (every window of a longer group is checked, so a card
 *       number followed by one more digit is found), or
 *   <li>whole consecutive groups holding 13 to 19 digits together, grouped as card numbers are
 *       printed or typed: groups of four, the last one of up to four ({@code 4111 1111 1111 1111},
 *       {@code 3782 8224 6310 005}, {@code 6759 6498 2643 8454 1}), American Express and Diners
 *       Club's 4-6-5 and 4-6-4, or digits spaced out one or two at a time.
 * </ul>
 *
 * <p>Why not every run of digits across any separator: identifiers such as UUIDs hold digit groups
 * joined by hyphens (8-4-4-4-12), and joining them refused about one random UUID in 150 as a card
 * number; with these groupings it is about two in 10,000 (three all-digit groups of four and the
 * start of the last). Requiring the groupings a person or a form writes keeps the written card
 * numbers found and lets such identifiers through (see {@code CardNumbersTest}). The price of never
 * storing a card number is that an identifier holding 13 or more digits in a row, or digits grouped
 * like a card number, may be refused.
 */
public final class CardNumbers {

  public static final int MIN_DIGITS = 13;
  public static final int MAX_DIGITS = 19;
  private static final int LUHN_MODULUS = 10;
  private static final int LARGEST_DIGIT = 9;
  private static final int PRINTED_GROUP = 4;
  private static final int SPACED_OUT_GROUP = 2;
  private static final List<List<Integer>> AMEX_AND_DINERS_GROUPS =
      List.of(List.of(4, 6, 5), List.of(4, 6, 4));

  private CardNumbers() {}

  /** Whether {@code text} holds what looks like a card number anywhere. */
  public static boolean containsCardNumber(CharSequence text) {
    if (text == null) {
      return false;
    }
    // The digits of the current run and where each of its groups ends; a run ends at a character
    // that is neither a digit nor a separator.
    StringBuilder digits = new StringBuilder();
    List<Integer> groupEnds = new ArrayList<>();
    boolean afterSeparator = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = Character.codePointAt(text, i);
      i += Character.charCount(codePoint);
      if (Character.isDigit(codePoint)) {
        if (afterSeparator && !digits.isEmpty()) {
          groupEnds.add(digits.length());
        }
        afterSeparator = false;
        digits.append((char) ('0' + Character.digit(codePoint, LUHN_MODULUS)));
      } else if (isSeparator(codePoint)) {
        afterSeparator = true;
      } else {
        if (runHoldsCardNumber(digits, groupEnds)) {
          return true;
        }
        digits.setLength(0);
        groupEnds.clear();
        afterSeparator = false;
      }
    }
    return runHoldsCardNumber(digits, groupEnds);
  }

  /**
   * The paths of the fields of {@code record} that hold what looks like a card number: every string
   * (map keys included) and every plain integer (a timestamp is not checked: epoch milliseconds
   * have 13 digits), at any depth. Walks the record's schema, so a field added later is checked
   * too.
   */
  public static List<String> fieldsWithCardNumbers(GenericRecord record) {
    List<String> found = new ArrayList<>();
    visit(record, record.getSchema(), "", found);
    return found;
  }

  /**
   * The record as a dead letter may keep it when it holds a card number: no value, and no key if
   * the key holds one; topic, partition, offset, timestamp and headers as they were.
   */
  public static <V> ConsumerRecord<String, V> withoutCardNumber(ConsumerRecord<String, V> record) {
    return new ConsumerRecord<>(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.timestampType(),
        ConsumerRecord.NULL_SIZE,
        ConsumerRecord.NULL_SIZE,
        containsCardNumber(record.key()) ? null : record.key(),
        null,
        record.headers(),
        record.leaderEpoch());
  }

  private static boolean runHoldsCardNumber(CharSequence digits, List<Integer> innerGroupEnds) {
    if (digits.length() < MIN_DIGITS) {
      return false;
    }
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    bounds.addAll(innerGroupEnds);
    bounds.add(digits.length());
    for (int group = 0; group + 1 < bounds.size(); group++) {
      if (containsWithin(digits, bounds.get(group), bounds.get(group + 1))) {
        return true;
      }
    }
    for (int first = 0; first + 1 < bounds.size(); first++) {
      for (int last = first + 2; last < bounds.size(); last++) {
        int length = bounds.get(last) - bounds.get(first);
        if (length > MAX_DIGITS) {
          break;
        }
        List<Integer> sizes = new ArrayList<>();
        for (int group = first; group < last; group++) {
          sizes.add(bounds.get(group + 1) - bounds.get(group));
        }
        if (length >= MIN_DIGITS
            && groupedLikeACardNumber(sizes)
            && luhnValid(digits, bounds.get(first), bounds.get(last))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every window of 13 to 19 digits inside one group. */
  private static boolean containsWithin(CharSequence digits, int from, int to) {
    for (int start = from; start + MIN_DIGITS <= to; start++) {
      for (int end = start + MIN_DIGITS; end <= Math.min(to, start + MAX_DIGITS); end++) {
        if (luhnValid(digits, start, end)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean groupedLikeACardNumber(List<Integer> sizes) {
    boolean printed =
        sizes.subList(0, sizes.size() - 1).stream().allMatch(size -> size == PRINTED_GROUP)
            && sizes.get(sizes.size() - 1) <= PRINTED_GROUP;
    boolean spacedOut = sizes.stream().allMatch(size -> size <= SPACED_OUT_GROUP);
    return printed || spacedOut || AMEX_AND_DINERS_GROUPS.contains(sizes);
  }

  /** The Luhn check of the ASCII digits {@code from} (inclusive) to {@code to} (exclusive). */
  private static boolean luhnValid(CharSequence digits, int from, int to) {
    int sum = 0;
    for (int i = 0; i < to - from; i++) {
      int digit = digits.charAt(to - 1 - i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > LARGEST_DIGIT) {
          digit -= LARGEST_DIGIT;
        }
      }
      sum += digit;
    }
    return sum % LUHN_MODULUS == 0;
  }

  private static boolean isSeparator(int codePoint) {
    if (codePoint == '.' || codePoint == '/' || codePoint == '\\') {
      return true;
    }
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return true;
    }
    return switch (Character.getType(codePoint)) {
      // Zero-width space and joiners, soft hyphen, word joiner, BOM; hyphens and dashes.
      case Character.FORMAT, Character.DASH_PUNCTUATION -> true;
      default ->
          switch (codePoint) {
            // Minus sign, division and fraction slashes, one-dot leader, middle dots, fullwidth
            // full stop and solidus: look-alikes of the ASCII separators.
            case 0x2212, 0x2215, 0x2044, 0x2024, 0x00B7, 0x30FB, 0xFF0E, 0xFF0F, 0xFF65 -> true;
            default -> false;
          };
    };
  }

  private static void visit(Object value, Schema schema, String path, List<String> found) {
    if (value == null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) value;
        for (Schema.Field field : schema.getFields()) {
          String at = path.isEmpty() ? field.name() : path + "." + field.name();
          visit(record.get(field.pos()), field.schema(), at, found);
        }
      }
      case UNION -> {
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL && matches(branch, value)) {
            visit(value, branch, path, found);
            return;
          }
        }
      }
      case ARRAY -> {
        int index = 0;
        for (Object element : (Collection<?>) value) {
          visit(element, schema.getElementType(), path + "[" + index++ + "]", found);
        }
      }
      case MAP -> {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          if (containsCardNumber(entry.getKey().toString())) {
            found.add(path);
          }
          visit(entry.getValue(), schema.getValueType(), path + "[]", found);
        }
      }
      case STRING -> {
        if (containsCardNumber(value.toString())) {
          found.add(path);
        }
      }
      case INT, LONG -> {
        LogicalType time = schema.getLogicalType();
        if (time == null && containsCardNumber(value.toString())) {
          found.add(path);
        }
      }
      default -> {
        // Enums, booleans, floating point (never used for money), bytes: no text to hold a number.
      }
    }
  }

  private static boolean matches(Schema branch, Object value) {
    return switch (branch.getType()) {
      case STRING -> value instanceof CharSequence;
      case RECORD -> value instanceof GenericRecord record && record.getSchema().equals(branch);
      case ARRAY -> value instanceof Collection<?>;
      case MAP -> value instanceof Map<?, ?>;
      case INT -> value instanceof Integer;
      case LONG -> value instanceof Long;
      default -> false;
    };
  }
}
