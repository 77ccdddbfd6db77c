package io.payrail.risk.rules;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import io.payrail.events.VerificationStatus;
import io.payrail.risk.features.CustomerFeatures;
import io.payrail.risk.features.FeatureWindows;
import io.payrail.risk.features.Verification;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Evaluates the configured rules against an order and its customer's features. Pure: no state, no
 * clock, so every rule and boundary is testable with plain values. Rules are evaluated in a fixed
 * order, which is also the order of {@code RiskAssessed.reasons}.
 */
public final class RiskRules {

  public static final String VELOCITY_1M = "velocity_1m";
  public static final String VELOCITY_1H = "velocity_1h";
  public static final String SPEND_24H = "spend_24h";
  public static final String NEW_CUSTOMER_LARGE_AMOUNT = "new_customer_large_amount";
  public static final String AMOUNT_ABOVE_USUAL = "amount_above_usual";
  public static final String COUNTRY_MISMATCH = "country_mismatch";
  public static final String TOKENS_24H = "tokens_24h";
  public static final String UNVERIFIED_LARGE_AMOUNT = "unverified_large_amount";
  public static final String VERIFICATION_REJECTED = "verification_rejected";
  public static final String VERIFICATION_EXPIRED = "verification_expired";

  /** Every rule id, in evaluation order. */
  public static final List<String> RULE_IDS =
      List.of(
          VELOCITY_1M,
          VELOCITY_1H,
          SPEND_24H,
          NEW_CUSTOMER_LARGE_AMOUNT,
          AMOUNT_ABOVE_USUAL,
          COUNTRY_MISMATCH,
          TOKENS_24H,
          UNVERIFIED_LARGE_AMOUNT,
          VERIFICATION_REJECTED,
          VERIFICATION_EXPIRED);

  private final RiskRulesProperties config;

  public RiskRules(RiskRulesProperties config) {
    this.config = config;
  }

  public String version() {
    return config.version();
  }

  /** The windows the features must be computed over for these rules. */
  public FeatureWindows featureWindows() {
    return new FeatureWindows(
        config.burstVelocity().window(),
        config.hourlyVelocity().window(),
        config.dailySpend().window(),
        config.dailyTokens().window(),
        config.amountAboveUsual().smoothingOrders());
  }

  public RiskVerdict assess(OrderPlaced order, CustomerFeatures features) {
    List<RiskReason> fired = new ArrayList<>();
    String currency = order.getCurrency();

    var burst = config.burstVelocity();
    if (features.ordersInBurstWindow() > burst.max()) {
      fire(
          fired,
          VELOCITY_1M,
          burst.weight(),
          "%d orders in the last %s, more than %d"
              .formatted(features.ordersInBurstWindow(), describe(burst.window()), burst.max()));
    }
    var hourly = config.hourlyVelocity();
    if (features.ordersInHourlyWindow() > hourly.max()) {
      fire(
          fired,
          VELOCITY_1H,
          hourly.weight(),
          "%d orders in the last %s, more than %d"
              .formatted(features.ordersInHourlyWindow(), describe(hourly.window()), hourly.max()));
    }
    var spend = config.dailySpend();
    long spendLimit = spend.limitMinorFor(currency);
    if (features.spendInWindowMinor() > spendLimit) {
      fire(
          fired,
          SPEND_24H,
          spend.weight(),
          "spent %s in the last %s, more than %s"
              .formatted(
                  money(features.spendInWindowMinor(), currency),
                  describe(spend.window()),
                  money(spendLimit, currency)));
    }
    var newCustomer = config.newCustomerLargeAmount();
    if (features.customerAge().compareTo(newCustomer.maxAge()) < 0
        && order.getAmountMinor() >= newCustomer.minAmountMinor()) {
      fire(
          fired,
          NEW_CUSTOMER_LARGE_AMOUNT,
          newCustomer.weight(),
          "customer first seen %s ago (less than %s) orders %s, at least %s"
              .formatted(
                  describe(features.customerAge()),
                  describe(newCustomer.maxAge()),
                  money(order.getAmountMinor(), currency),
                  money(newCustomer.minAmountMinor(), currency)));
    }
    var aboveUsual = config.amountAboveUsual();
    if (features.earlierOrdersInCurrency() >= aboveUsual.minEarlierOrders()
        && order.getAmountMinor()
            > timesSaturated(features.usualAmountMinor(), aboveUsual.multiplier())) {
      fire(
          fired,
          AMOUNT_ABOVE_USUAL,
          aboveUsual.weight(),
          "%s is more than %d times the usual %s over %d earlier orders"
              .formatted(
                  money(order.getAmountMinor(), currency),
                  aboveUsual.multiplier(),
                  money(features.usualAmountMinor(), currency),
                  features.earlierOrdersInCurrency()));
    }
    if (features.countryMismatch()) {
      fire(
          fired,
          COUNTRY_MISMATCH,
          config.countryMismatch().weight(),
          "card issued in %s, shipping to %s"
              .formatted(order.getPaymentMethod().getIssuingCountry(), order.getShippingCountry()));
    }
    var tokens = config.dailyTokens();
    if (features.distinctTokensInWindow() > tokens.max()) {
      fire(
          fired,
          TOKENS_24H,
          tokens.weight(),
          "%d distinct payment tokens in the last %s, more than %d"
              .formatted(
                  features.distinctTokensInWindow(), describe(tokens.window()), tokens.max()));
    }
    verificationRules(order, features.verification(), fired);

    int score =
        Math.min(
            RiskRulesProperties.MAX_SCORE,
            fired.stream().mapToInt(RiskReason::getContribution).sum());
    return new RiskVerdict(score, decide(score), fired);
  }

  /**
   * At most one of the verification rules fires: the customer's status as of the order's placedAt
   * says which. VERIFIED (and not expired) fires none.
   */
  private void verificationRules(
      OrderPlaced order, Verification verification, List<RiskReason> fired) {
    String currency = order.getCurrency();
    VerificationStatus status = verification.statusAt(order.getPlacedAt());
    switch (status) {
      case VERIFIED -> {}
      case REJECTED ->
          fire(
              fired,
              VERIFICATION_REJECTED,
              config.verificationRejected().weight(),
              "customer verification REJECTED by the provider");
      case EXPIRED -> {
        var expired = config.verificationExpired();
        long threshold = expired.minAmountMinorFor(currency);
        if (order.getAmountMinor() >= threshold) {
          fire(
              fired,
              VERIFICATION_EXPIRED,
              expired.weight(),
              "customer verification expired%s, orders %s, at least %s"
                  .formatted(
                      verification.expiresAt() == null ? "" : " at " + verification.expiresAt(),
                      money(order.getAmountMinor(), currency),
                      money(threshold, currency)));
        }
      }
      case UNVERIFIED, PENDING -> {
        var unverified = config.unverifiedLargeAmount();
        long threshold = unverified.minAmountMinorFor(currency);
        if (order.getAmountMinor() >= threshold) {
          fire(
              fired,
              UNVERIFIED_LARGE_AMOUNT,
              unverified.weight(),
              "customer not verified (%s) orders %s, at least %s"
                  .formatted(
                      verification == Verification.NONE ? "no verification record" : status,
                      money(order.getAmountMinor(), currency),
                      money(threshold, currency)));
        }
      }
    }
  }

  private RiskDecision decide(int score) {
    if (score >= config.decision().declineAt()) {
      return RiskDecision.DECLINE;
    }
    return score >= config.decision().reviewAt() ? RiskDecision.REVIEW : RiskDecision.APPROVE;
  }

  /** A rule with weight 0 is switched off and is not reported. */
  private static void fire(List<RiskReason> fired, String rule, int weight, String detail) {
    if (weight > 0) {
      fired.add(new RiskReason(rule, weight, detail));
    }
  }

  /**
   * {@code amount × multiplier}, at most {@code Long.MAX_VALUE}: no amount is above a usual amount
   * that large, and an absurd earlier order must not make the customer's next orders unscorable.
   * Both are never negative.
   */
  static long timesSaturated(long amountMinor, long multiplier) {
    return amountMinor > Long.MAX_VALUE / multiplier ? Long.MAX_VALUE : amountMinor * multiplier;
  }

  /** "1m", "24h", "90s": short enough for a reason's detail. */
  static String describe(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.toMillis() % Duration.ofHours(1).toMillis() == 0) {
      return duration.toHours() + "h";
    }
    if (duration.toMillis() % Duration.ofMinutes(1).toMillis() == 0) {
      return duration.toMinutes() + "m";
    }
    return duration.toSeconds() + "s";
  }

  /** Minor units shown in major units of the currency (exact decimal, no floating point). */
  static String money(long amountMinor, String currency) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCurrency) {
      return amountMinor + " minor units of " + currency;
    }
    return BigDecimal.valueOf(amountMinor, digits).toPlainString() + " " + currency;
  }
}
