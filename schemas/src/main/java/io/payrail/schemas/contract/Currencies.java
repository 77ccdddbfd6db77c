package io.payrail.schemas.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The currencies money may be in: the active ISO 4217 currencies of {@code iso4217-currencies.csv}
 * (its header names the source and the date), with their minor units. Java's {@code
 * Currency.getAvailableCurrencies()} is not used: it also holds precious metals, testing and "no
 * currency" codes and withdrawn currencies, and differs between JDK releases.
 */
public final class Currencies {

  private static final String RESOURCE = "iso4217-currencies.csv";
  private static final int COLUMNS = 3;
  private static final int DECIMAL = 10;
  private static final Map<String, Integer> MINOR_DIGITS = load();

  private Currencies() {}

  /** Whether {@code code} is an active ISO 4217 currency Payrail accepts (exactly, upper case). */
  public static boolean isActive(String code) {
    return code != null && MINOR_DIGITS.containsKey(code);
  }

  /** Every accepted code, sorted. */
  public static Set<String> codes() {
    return Collections.unmodifiableSet(MINOR_DIGITS.keySet());
  }

  /**
   * The ISO 4217 minor unit: 0 for JPY, 2 for EUR, 3 for BHD.
   *
   * @throws IllegalArgumentException for a code that is not {@link #isActive active}
   */
  public static int minorDigits(String code) {
    Integer digits = code == null ? null : MINOR_DIGITS.get(code);
    if (digits == null) {
      throw new IllegalArgumentException("not an active ISO 4217 currency");
    }
    return digits;
  }

  /** How many minor units one major unit has: 1 for JPY, 100 for EUR, 1000 for BHD. */
  public static long minorUnitsPerMajor(String code) {
    long factor = 1;
    for (int i = minorDigits(code); i > 0; i--) {
      factor *= DECIMAL;
    }
    return factor;
  }

  private static Map<String, Integer> load() {
    Map<String, Integer> digits = new TreeMap<>();
    try (InputStream in = Currencies.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] columns = line.split(",");
        if (columns.length != COLUMNS) {
          throw new IllegalStateException(RESOURCE + ": malformed line " + line);
        }
        digits.put(columns[0].trim(), Integer.valueOf(columns[2].trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(digits);
  }
}
