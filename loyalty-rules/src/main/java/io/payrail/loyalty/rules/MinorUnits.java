package io.payrail.loyalty.rules;

import java.util.Currency;

/**
 * A currency's minor units as ISO 4217 defines them (JPY 0 digits, EUR 2, BHD 3), in integers: a
 * money amount here is always a {@code long} of minor units, never a float.
 */
public final class MinorUnits {

  private static final int DECIMAL = 10;

  private MinorUnits() {}

  /**
   * How many minor units one major unit of the currency has: 1 for JPY, 100 for EUR, 1000 for BHD.
   */
  public static long perMajorUnit(String currency) {
    int digits = fractionDigits(currency);
    long factor = 1;
    for (int i = 0; i < digits; i++) {
      factor = Math.multiplyExact(factor, DECIMAL);
    }
    return factor;
  }

  /** The ISO 4217 fraction digits; fails for unknown codes and for pseudo-currencies (XAU, XXX). */
  public static int fractionDigits(String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit (not a money currency)");
    }
    return digits;
  }

  /** Whether the code is an ISO 4217 currency with minor units, i.e. one money can be in. */
  public static boolean isMoneyCurrency(String currency) {
    try {
      fractionDigits(currency);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
