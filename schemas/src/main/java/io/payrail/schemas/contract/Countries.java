package io.payrail.schemas.contract;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as the JDK's ISO data holds the officially assigned ones. */
public final class Countries {

  private static final Set<String> ALPHA_2 =
      Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

  private Countries() {}

  /** Whether {@code code} is an officially assigned alpha-2 code (exactly, upper case). */
  public static boolean isAlpha2(String code) {
    return code != null && ALPHA_2.contains(code);
  }
}
