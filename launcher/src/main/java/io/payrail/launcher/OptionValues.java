package io.payrail.launcher;

import io.payrail.audit.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check an option's value while the command line is parsed, so that a bad value
 * fails with exit status 2 before anything starts.
 */
public final class OptionValues {

  private OptionValues() {}

  /** A whole number above zero; {@code 20_000} and {@code 20,000} read as 20000. */
  public static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = integer(value);
      if (number <= 0) {
        throw new TypeConversionException("must be above zero, got " + value);
      }
      return number;
    }
  }

  /** A TCP port, or 0 for a free one the operating system picks. */
  public static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = integer(value);
      if (number < 0 || number > 65_535) {
        throw new TypeConversionException("must be a port from 0 to 65535, got " + value);
      }
      return number;
    }
  }

  /** A number above zero, fractions allowed (a rate, a percentage). */
  public static final class PositiveDecimal implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double number = Double.parseDouble(value.replace("_", "").replace(",", ""));
        if (number > 0 && Double.isFinite(number)) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("must be a number above zero, got " + value);
    }
  }

  /** A duration as ops write it ({@code 90s}, {@code 5m}, {@code PT5M}), zero or more. */
  public static final class NonNegativeDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = DurationText.parse(value, null);
      } catch (RuntimeException e) {
        throw new TypeConversionException("must be a duration like 90s or 5m, got " + value);
      }
      if (duration == null || duration.isNegative()) {
        throw new TypeConversionException("must be a duration like 90s or 5m, got " + value);
      }
      return duration;
    }
  }

  /** A share: a number above zero and at most one. */
  public static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double number = Double.parseDouble(value.trim());
        if (number > 0 && number <= 1) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("must be above 0 and at most 1, got " + value);
    }
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a whole number, got " + value);
    }
  }
}
