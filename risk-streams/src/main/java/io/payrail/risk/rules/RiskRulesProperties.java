package io.payrail.risk.rules;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rule book: every threshold and weight of the risk score, bound from {@code
 * payrail.risk.rules.*}. Defaults live in application.yml and the module README's table. A weight
 * of 0 switches a rule off. Thresholds are "more than": a rule with {@code max-orders: 3} fires on
 * the fourth order.
 *
 * @param version stamped on every assessment, so a decision can be traced to the rules that made it
 * @param decision the score thresholds of REVIEW and DECLINE
 * @param burstVelocity {@code velocity_1m}: too many orders in a short window
 * @param hourlyVelocity {@code velocity_1h}: too many orders in a long window
 * @param dailySpend {@code spend_24h}: too much spent in the order's currency
 * @param newCustomerLargeAmount {@code new_customer_large_amount}: a large first purchase
 * @param amountAboveUsual {@code amount_above_usual}: far above the customer's usual amount
 * @param countryMismatch {@code country_mismatch}: card issued in another country than shipping
 * @param dailyTokens {@code tokens_24h}: too many distinct payment tokens
 * @param unverifiedLargeAmount {@code unverified_large_amount}: a large order of a customer who is
 *     not verified (no record, UNVERIFIED or PENDING)
 * @param verificationRejected {@code verification_rejected}: the provider rejected the customer
 * @param verificationExpired {@code verification_expired}: a large order of a customer whose
 *     verification expired
 */
@ConfigurationProperties("payrail.risk.rules")
public record RiskRulesProperties(
    String version,
    DecisionThresholds decision,
    WindowedLimit burstVelocity,
    WindowedLimit hourlyVelocity,
    SpendLimit dailySpend,
    NewCustomerLargeAmount newCustomerLargeAmount,
    AmountAboveUsual amountAboveUsual,
    Flag countryMismatch,
    WindowedLimit dailyTokens,
    LargeAmount unverifiedLargeAmount,
    Flag verificationRejected,
    LargeAmount verificationExpired) {

  /** Largest possible score; contributions are summed and capped here. */
  public static final int MAX_SCORE = 100;

  public RiskRulesProperties {
    require(version != null && !version.isBlank(), "version must be set");
    require(
        decision != null
            && burstVelocity != null
            && hourlyVelocity != null
            && dailySpend != null
            && newCustomerLargeAmount != null
            && amountAboveUsual != null
            && countryMismatch != null
            && dailyTokens != null
            && unverifiedLargeAmount != null
            && verificationRejected != null
            && verificationExpired != null,
        "every rule must be configured");
  }

  /**
   * @param reviewAt scores from here up are held for a person
   * @param declineAt scores from here up are declined; at least reviewAt
   */
  public record DecisionThresholds(int reviewAt, int declineAt) {
    public DecisionThresholds {
      require(
          0 < reviewAt && reviewAt <= declineAt && declineAt <= MAX_SCORE,
          "need 0 < review-at <= decline-at <= " + MAX_SCORE);
    }
  }

  /** Fires when more than {@code max} are counted in the last {@code window} of event time. */
  public record WindowedLimit(Duration window, long max, int weight) {
    public WindowedLimit {
      requireWindow(window);
      require(max >= 0, "max must not be negative");
      requireWeight(weight);
    }
  }

  /**
   * Fires when the customer's spend in the order's currency over the last {@code window}, this
   * order included, is more than the limit. Limits are minor units of that currency: one number
   * cannot mean the same for EUR and JPY, so currencies can have their own.
   */
  public record SpendLimit(
      Duration window, long limitMinor, Map<String, Long> limitMinorByCurrency, int weight) {
    public SpendLimit {
      requireWindow(window);
      require(limitMinor >= 0, "limit-minor must not be negative");
      limitMinorByCurrency =
          limitMinorByCurrency == null ? Map.of() : Map.copyOf(limitMinorByCurrency);
      requireWeight(weight);
    }

    public long limitMinorFor(String currency) {
      return limitMinorByCurrency.getOrDefault(currency, limitMinor);
    }
  }

  /** Fires when a customer first seen less than {@code maxAge} ago orders at least the amount. */
  public record NewCustomerLargeAmount(Duration maxAge, long minAmountMinor, int weight) {
    public NewCustomerLargeAmount {
      requireWindow(maxAge);
      require(minAmountMinor >= 0, "min-amount-minor must not be negative");
      requireWeight(weight);
    }
  }

  /**
   * Fires when the order's amount is at least the threshold of its currency, in minor units of that
   * currency: one number cannot mean the same for EUR and JPY, so currencies can have their own.
   */
  public record LargeAmount(
      long minAmountMinor, Map<String, Long> minAmountMinorByCurrency, int weight) {
    public LargeAmount {
      require(minAmountMinor >= 0, "min-amount-minor must not be negative");
      minAmountMinorByCurrency =
          minAmountMinorByCurrency == null ? Map.of() : Map.copyOf(minAmountMinorByCurrency);
      require(
          minAmountMinorByCurrency.values().stream().allMatch(amount -> amount >= 0),
          "min-amount-minor-by-currency must not be negative");
      requireWeight(weight);
    }

    public long minAmountMinorFor(String currency) {
      return minAmountMinorByCurrency.getOrDefault(currency, minAmountMinor);
    }
  }

  /**
   * Fires when the amount is more than {@code multiplier} times the customer's usual amount in that
   * currency, once there are {@code minEarlierOrders} earlier orders to know what usual is. Usual
   * is a running mean over the first {@code smoothingOrders} orders and then an exponentially
   * weighted mean with weight 1/smoothingOrders, in whole minor units.
   */
  public record AmountAboveUsual(
      long minEarlierOrders, long multiplier, int smoothingOrders, int weight) {
    public AmountAboveUsual {
      require(minEarlierOrders >= 1, "min-earlier-orders must be at least 1");
      require(multiplier >= 1, "multiplier must be at least 1");
      require(smoothingOrders >= 1, "smoothing-orders must be at least 1");
      requireWeight(weight);
    }
  }

  /** A rule with no threshold: it fires or it does not. */
  public record Flag(int weight) {
    public Flag {
      requireWeight(weight);
    }
  }

  private static void requireWindow(Duration window) {
    require(window != null && !window.isNegative() && !window.isZero(), "windows must be positive");
  }

  private static void requireWeight(int weight) {
    require(0 <= weight && weight <= MAX_SCORE, "weights must be between 0 and " + MAX_SCORE);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("payrail.risk.rules: " + message);
    }
  }
}
