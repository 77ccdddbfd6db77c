package io.payrail.audit;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as ops write them in environment variables: {@code 500ms}, {@code 90s}, {@code 2m}, or
 * ISO-8601 ({@code PT90S}), like Spring Boot's simple format; {@code 0} alone is zero.
 */
public final class DurationText {

  private DurationText() {}

  /** The duration {@code text} says, or {@code fallback} when it is absent or blank. */
  public static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("0")) {
      // No unit needed for nothing: PAYRAIL_AUDIT_SETTLE=0 on a quiet pipeline.
      return Duration.ZERO;
    }
    if (value.startsWith("p")) {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    }
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException("not a duration: " + text);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }
}
