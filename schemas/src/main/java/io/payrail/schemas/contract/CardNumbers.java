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
 * Finds what looks like a full card number (a primary account number, PAN) in text: any 13 to 19
 * consecutive digits that pass the Luhn check, where digits are the decimal digits of any script
 * (ASCII, Arabic-Indic, fullwidth, mathematical...) and separators between them are ignored: spaces
 * of every kind (several in a row, no-break, thin, ideographic), dots, hyphens and other dashes,
 * slashes and invisible format characters (zero-width space and joiners, soft hyphen, BOM). Every
 * window of a longer run is checked, so a card number followed by one more digit is found.
 *
 * <p>This is deliberately eager: a long digit run has a one-in-ten chance per window of passing
 * Luhn, so identifiers and other strings must not hold 13 or more digits in a row (separators
 * included), or they may be refused as a card number. That is the price of never storing one.
 */
public final class CardNumbers {

  public static final int MIN_DIGITS = 13;
  public static final int MAX_DIGITS = 19;
  private static final int LUHN_MODULUS = 10;
  private static final int LARGEST_DIGIT = 9;

  private CardNumbers() {}

  /** Whether {@code text} holds what looks like a card number anywhere. */
  public static boolean containsCardNumber(CharSequence text) {
    if (text == null) {
      return false;
    }
    // The last MAX_DIGITS digits of the current run, as a ring; the run ends at a non-separator.
    int[] ring = new int[MAX_DIGITS];
    int run = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = Character.codePointAt(text, i);
      i += Character.charCount(codePoint);
      if (Character.isDigit(codePoint)) {
        ring[run % MAX_DIGITS] = Character.digit(codePoint, LUHN_MODULUS);
        run++;
        if (endsWithCardNumber(ring, run)) {
          return true;
        }
      } else if (!isSeparator(codePoint)) {
        run = 0;
      }
    }
    return false;
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

  private static boolean endsWithCardNumber(int[] ring, int run) {
    for (int length = MIN_DIGITS; length <= Math.min(run, MAX_DIGITS); length++) {
      if (luhnValid(ring, run, length)) {
        return true;
      }
    }
    return false;
  }

  /** The Luhn check of the {@code length} digits ending at position {@code run} of the run. */
  private static boolean luhnValid(int[] ring, int run, int length) {
    int sum = 0;
    for (int i = 0; i < length; i++) {
      int digit = ring[(run - 1 - i) % MAX_DIGITS];
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
