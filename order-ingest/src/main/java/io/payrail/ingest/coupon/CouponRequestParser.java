package io.payrail.ingest.coupon;

import io.payrail.events.CouponDefined;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.request.JsonFields;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a {@code POST /v1/coupons} body and turns it into a {@link CouponDefined}: the
 * contract's rules ({@link ContractRules#coupon}), unknown fields rejected, every problem reported
 * at once. The code is upper-cased (Locale.ROOT) before it is checked, so that what customers type
 * in any case names one coupon.
 */
final class CouponRequestParser {

  private static final String INVALID = "The coupon has invalid fields";
  static final String CODE = "code";
  private static final Set<String> FIELDS =
      Set.of(
          CODE,
          "percentOff",
          "amountOffMinor",
          "currency",
          "minSpendMinor",
          "maxUses",
          "maxUsesPerCustomer",
          "validFrom",
          "validUntil");

  private CouponRequestParser() {}

  static CouponDefined parse(JsonNode body, Merchant merchant, Instant createdAt) {
    JsonFields fields = JsonFields.of(body).rejectUnknown(FIELDS);
    String code = CouponCodes.required(body, fields, CODE);
    Optional<Long> percentOff = fields.optionalLongInRange("percentOff", 1, 99);
    Optional<Long> amountOff =
        fields.optionalLongInRange("amountOffMinor", 1, ContractRules.MAX_AMOUNT_MINOR);
    Optional<String> currency = fields.optionalText("currency", ContractRules.CURRENCY);
    long minSpend =
        fields.optionalLongInRange("minSpendMinor", 0, ContractRules.MAX_AMOUNT_MINOR).orElse(0L);
    Optional<Long> maxUses =
        fields.optionalLongInRange("maxUses", 1, ContractRules.MAX_COUPON_USES);
    Optional<Long> maxUsesPerCustomer =
        fields.optionalLongInRange("maxUsesPerCustomer", 1, ContractRules.MAX_COUPON_USES);
    Optional<Instant> validFrom = fields.optionalInstant("validFrom");
    Optional<Instant> validUntil = fields.optionalInstant("validUntil");
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(ProblemType.VALIDATION_FAILED, INVALID, fields.errors(), Map.of());
    }
    CouponDefined coupon =
        CouponDefined.newBuilder()
            .setMerchantId(merchant.id())
            .setCode(code)
            .setPercentOff(percentOff.map(Long::intValue).orElse(null))
            .setAmountOffMinor(amountOff.orElse(null))
            .setCurrency(currency.orElse(null))
            .setMinSpendMinor(minSpend)
            .setMaxUses(maxUses.map(Long::intValue).orElse(null))
            .setMaxUsesPerCustomer(maxUsesPerCustomer.map(Long::intValue).orElse(null))
            .setValidFrom(validFrom.map(CouponRequestParser::millis).orElse(null))
            .setValidUntil(validUntil.map(CouponRequestParser::millis).orElse(null))
            .setCreatedAt(millis(createdAt))
            .build();
    // The cross-field rules (exactly one kind of discount, the currency, the window).
    ProblemException broken = ProblemException.ifViolated(INVALID, ContractRules.coupon(coupon));
    if (broken != null) {
      throw broken;
    }
    return coupon;
  }

  /**
   * The precision the topic keeps (timestamp-millis): what the 201 answers is what a later GET and
   * the comparison of a repeated definition read back.
   */
  private static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
