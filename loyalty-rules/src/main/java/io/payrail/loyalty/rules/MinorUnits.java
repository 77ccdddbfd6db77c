package io.payrail.loyalty.rules;

import io.payrail.schemas.contract.Currencies;

/**
 * A currency's minor units as ISO 4217 defines them (JPY 0 digits, EUR 2, BHD 3), in integers: a
 * money amount here is always a {@code long} of minor units, never a float. The table is the
 * contract's ({@link Currencies}), not the JDK's, which differs between releases.
 */
public final class MinorUnits {

  private MinorUnits() {}

  /**
   * How many minor units one major unit of the currency has: 1 for JPY, 100 for EUR, 1000 for BHD.
   *
   * @throws IllegalArgumentException for a code that is not an active ISO 4217 currency
   */
  public static long perMajorUnit(String currency) {
    return Currencies.minorUnitsPerMajor(currency);
  }
}
