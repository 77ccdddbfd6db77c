package io.payrail.schemas.contract;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.CouponDefined;
import io.payrail.events.CustomerRegistered;
import io.payrail.events.CustomerVerification;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskAssessed;
import io.payrail.events.VerificationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The contract's rules for the values of its events, in one place: the HTTP facade checks each
 * field of a request with the {@link TextRule}s and bounds below, and every service checks the
 * events it consumes with the per-event methods, so that what one accepts the others accept too.
 * Lengths are the sizes of the SQL columns that store the fields (a test in each ledger's module
 * compares them). Messages never quote a value: it may be a card number.
 */
public final class ContractRules {

  /** orderId and refundId: {@code payments.order_id}, {@code refunds.refund_id}. */
  public static final int MAX_ID_LENGTH = 64;

  /** customerId and merchantId: {@code payments.customer_id}, {@code payments.merchant_id}. */
  public static final int MAX_PARTY_ID_LENGTH = 128;

  /** {@code payments.payment_id}. */
  public static final int MAX_PAYMENT_ID_LENGTH = 40;

  public static final int MAX_SKU_LENGTH = 64;
  public static final int MAX_TOKEN_LENGTH = 128;

  /** {@code payments.card_brand}. */
  public static final int MAX_BRAND_LENGTH = 32;

  /** {@code refunds.reason}. */
  public static final int MAX_REASON_LENGTH = 255;

  public static final int CURRENCY_LENGTH = 3;
  public static final int COUNTRY_LENGTH = 2;
  public static final int LAST4_LENGTH = 4;

  /**
   * The largest amount, in minor units, of an order, a line item or a refund: 999,999,999,999 (12
   * digits), i.e. just under 10 billion in a two-decimal currency and 1 trillion in a zero-decimal
   * one. That is the widest bound card acquirers use (Stripe allows 8 digits in most currencies and
   * 12 in a few), no card payment comes near it, a customer's sum of millions of such orders still
   * fits a {@code long}, and an amount can never be 13 digits long, the shortest card number.
   */
  public static final long MAX_AMOUNT_MINOR = 999_999_999_999L;

  public static final int MAX_ITEMS = 100;
  public static final int MAX_QUANTITY = 1_000_000;

  /**
   * The most refunds one order can have, completed and rejected together: the order's status row
   * holds every one of them, and a record must stay far below Kafka's record size limit. 100 is far
   * above what a real order needs (one per returned item, and few orders have 100 lines).
   */
  public static final int MAX_REFUNDS_PER_ORDER = 100;

  public static final int MAX_RISK_SCORE = 100;

  /** ISO 4217's "no currency": a rejected refund of an order nobody knows has no currency. */
  public static final String NO_CURRENCY = "XXX";

  private static final String ID_ALPHABET = "[A-Za-z0-9._:-]+";
  private static final String ID_EXPECTATION =
      "characters of [A-Za-z0-9._:-], other than \".\" and \"..\"";

  /** Text shown to people: no control, format, unassigned or private-use characters. */
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{C}\\p{Zl}\\p{Zp}]+");

  private static final String PRINTABLE_EXPECTATION =
      "printable text (no control or invisible characters)";

  /**
   * orderId and refundId: exact and case-sensitive everywhere; never "." or "..", which the order's
   * own URL ({@code /v1/orders/{orderId}}) cannot reach.
   */
  public static final TextRule ORDER_ID = id(MAX_ID_LENGTH);

  public static final TextRule REFUND_ID = ORDER_ID;
  public static final TextRule CUSTOMER_ID = id(MAX_PARTY_ID_LENGTH);
  public static final TextRule MERCHANT_ID = id(MAX_PARTY_ID_LENGTH);
  public static final TextRule PAYMENT_ID = id(MAX_PAYMENT_ID_LENGTH);

  /** A verification provider's id of its case: an id, never a document number. */
  public static final TextRule PROVIDER_REFERENCE = id(MAX_PARTY_ID_LENGTH);

  /** {@code CustomerVerification.level}. */
  public static final int MAX_LEVEL_LENGTH = 32;

  /** A provider's level of assurance: {@code basic}, {@code enhanced}. */
  public static final TextRule VERIFICATION_LEVEL =
      TextRule.matching(
          1,
          MAX_LEVEL_LENGTH,
          "[a-z0-9][a-z0-9_-]*",
          "a verification level such as basic: lower-case letters, digits, '_' or '-'");

  /** Longest display name of a registered customer. */
  public static final int MAX_DISPLAY_NAME_LENGTH = 100;

  public static final TextRule SKU = printable(MAX_SKU_LENGTH);
  public static final TextRule DISPLAY_NAME = printable(MAX_DISPLAY_NAME_LENGTH);
  public static final TextRule CONTACT_REFERENCE = printable(MAX_PARTY_ID_LENGTH);

  /** A SHA-256 digest as lower-case hex: never an e-mail address itself. */
  public static final TextRule EMAIL_SHA256 =
      TextRule.matching(64, 64, "[0-9a-f]{64}", "a SHA-256 digest in lower-case hex");

  public static final TextRule REASON = printable(MAX_REASON_LENGTH);

  /** {@code payments.coupon_code}. */
  public static final int MAX_COUPON_CODE_LENGTH = 32;

  /**
   * A coupon's code as stored and compared: upper case, so that what customers type in any case
   * names one coupon (the facade upper-cases before it checks).
   */
  public static final TextRule COUPON_CODE =
      TextRule.matching(
          3,
          MAX_COUPON_CODE_LENGTH,
          "[A-Z0-9][A-Z0-9_-]*",
          "a coupon code such as SUMMER-10: 3 to 32 upper-case letters, digits, '_' or '-'");

  /** The largest use limit of a coupon (uses in all, or per customer). */
  public static final int MAX_COUPON_USES = 100_000_000;

  /** Decline code of a payment whose coupon had no use left. */
  public static final String COUPON_EXHAUSTED = "coupon_exhausted";

  /** Decline code of a payment whose customer had used the coupon as often as it allows. */
  public static final String COUPON_CUSTOMER_LIMIT = "coupon_customer_limit";

  /**
   * What one loyalty point is worth when an order redeems it: one minor unit of the order's
   * currency, whatever the currency (a programme that wants another rate sets its earning rules
   * accordingly).
   */
  public static final long POINT_VALUE_MINOR = 1;

  /** Decline code of a payment whose points loyalty-streams refused to reserve. */
  public static final String POINTS_UNAVAILABLE = "points_unavailable";

  /** Why loyalty-streams refuses a reservation: the customer's available points are fewer. */
  public static final String INSUFFICIENT_POINTS = "insufficient_points";

  /** Why loyalty-streams refuses a reservation: the order's payment ended before it was seen. */
  public static final String ORDER_CLOSED = "order_closed";

  /**
   * Why payment-processor answered an order's points itself: loyalty-streams' answer did not come
   * within {@code payrail.points.answer-timeout}.
   */
  public static final String ANSWER_TIMEOUT = "answer_timeout";

  /** {@code payment_status_history.note}: a reviewer's note on a held order. */
  public static final int MAX_REVIEW_NOTE_LENGTH = 500;

  /** {@code payment_status_history.actor}: who decided a held order. */
  public static final int MAX_REVIEWER_LENGTH = 64;

  /** A reviewer's id at the merchant (never a name or an e-mail address in clear). */
  public static final TextRule REVIEWER = id(MAX_REVIEWER_LENGTH);

  public static final TextRule REVIEW_NOTE = printable(MAX_REVIEW_NOTE_LENGTH);

  /** {@code ReviewDecided.decisionId}: derived from the order and the decision, so at most 64. */
  public static final TextRule DECISION_ID = id(MAX_ID_LENGTH);

  /**
   * A payment-method token as gateways issue them: a lower-case prefix, an underscore or hyphen,
   * then letters, digits, underscores or hyphens ({@code tok_visa}, {@code tok_chargeDeclined},
   * {@code pm_1N3T00LkdIwHu7ix}). A card number has no such prefix.
   */
  public static final TextRule TOKEN =
      TextRule.matching(
          1,
          MAX_TOKEN_LENGTH,
          "[a-z][a-z0-9]{0,15}[_-][A-Za-z0-9_-]+",
          "a payment token such as tok_visa: a lower-case prefix, '_' or '-', then letters,"
              + " digits, '_' or '-'");

  public static final TextRule BRAND =
      TextRule.matching(
          1,
          MAX_BRAND_LENGTH,
          "[A-Za-z0-9][A-Za-z0-9 ._-]*",
          "a card brand such as visa: letters, digits, spaces, '.', '_' or '-'");

  public static final TextRule LAST4 =
      TextRule.matching(LAST4_LENGTH, LAST4_LENGTH, "[0-9]{4}", "exactly 4 ASCII digits");

  public static final TextRule CURRENCY =
      new TextRule(
          CURRENCY_LENGTH,
          CURRENCY_LENGTH,
          Currencies::isActive,
          "an active ISO 4217 currency code such as EUR");

  public static final TextRule COUNTRY =
      new TextRule(
          COUNTRY_LENGTH,
          COUNTRY_LENGTH,
          Countries::isAlpha2,
          "an ISO 3166-1 alpha-2 country code such as DE");

  public static final String CARD_NUMBER_MESSAGE =
      "holds what looks like a card number (send a payment token)";

  private ContractRules() {}

  /** What an {@code OrderPlaced} breaks: card numbers in any field first, then every rule. */
  public static List<Violation> order(OrderPlaced order) {
    List<Violation> violations = cardNumbers(order, "");
    checkOrder(order, "", violations);
    return violations;
  }

  /** What a {@code RefundRequested} breaks: card numbers in any field first, then every rule. */
  public static List<Violation> refundRequest(RefundRequested refund) {
    List<Violation> violations = cardNumbers(refund, "");
    text(violations, "refundId", REFUND_ID, refund.getRefundId());
    text(violations, "orderId", ORDER_ID, refund.getOrderId());
    text(violations, "merchantId", MERCHANT_ID, refund.getMerchantId());
    if (refund.getAmountMinor() != null) {
      range(violations, "amountMinor", refund.getAmountMinor(), 1, MAX_AMOUNT_MINOR);
    }
    if (refund.getCurrency() != null) {
      text(violations, "currency", CURRENCY, refund.getCurrency());
    }
    text(violations, "reason", REASON, refund.getReason());
    return violations;
  }

  /**
   * What a {@code CustomerVerification} breaks: card numbers in any field first, then its ids and
   * texts. A VERIFIED record says when ({@code verifiedAt}), and a verification cannot expire
   * before it was made.
   */
  public static List<Violation> customerVerification(CustomerVerification verification) {
    List<Violation> violations = cardNumbers(verification, "");
    text(violations, "merchantId", MERCHANT_ID, verification.getMerchantId());
    text(violations, "customerId", CUSTOMER_ID, verification.getCustomerId());
    if (verification.getStatus() == null) {
      violations.add(new Violation("status", "is required"));
    }
    if (verification.getLevel() != null) {
      text(violations, "level", VERIFICATION_LEVEL, verification.getLevel());
    }
    if (verification.getProviderReference() != null) {
      text(
          violations, "providerReference", PROVIDER_REFERENCE, verification.getProviderReference());
    }
    if (verification.getStatus() == VerificationStatus.VERIFIED
        && verification.getVerifiedAt() == null) {
      violations.add(new Violation("verifiedAt", "is required when status is VERIFIED"));
    }
    if (verification.getVerifiedAt() != null
        && verification.getExpiresAt() != null
        && verification.getExpiresAt().isBefore(verification.getVerifiedAt())) {
      violations.add(new Violation("expiresAt", "must not be before verifiedAt"));
    }
    if (verification.getUpdatedAt() == null) {
      violations.add(new Violation("updatedAt", "is required"));
    }
    return violations;
  }

  /**
   * What a {@code ReviewDecided} breaks: card numbers in any field first (a note is free text),
   * then its ids, the decision and the note.
   */
  public static List<Violation> reviewDecision(ReviewDecided decision) {
    List<Violation> violations = cardNumbers(decision, "");
    text(violations, "decisionId", DECISION_ID, decision.getDecisionId());
    text(violations, "orderId", ORDER_ID, decision.getOrderId());
    text(violations, "merchantId", MERCHANT_ID, decision.getMerchantId());
    if (decision.getDecision() == null) {
      violations.add(new Violation("decision", "is required"));
    }
    text(violations, "reviewer", REVIEWER, decision.getReviewer());
    if (decision.getNote() != null) {
      text(violations, "note", REVIEW_NOTE, decision.getNote());
    }
    if (decision.getDecidedAt() == null) {
      violations.add(new Violation("decidedAt", "is required"));
    }
    return violations;
  }

  /**
   * What a {@code CouponDefined} breaks: card numbers in any field first, then its rules. Exactly
   * one of percentOff (1-99) and amountOffMinor is set; a fixed amount or a minimum spend names its
   * currency; validUntil is after validFrom.
   */
  public static List<Violation> coupon(CouponDefined coupon) {
    List<Violation> violations = cardNumbers(coupon, "");
    text(violations, "merchantId", MERCHANT_ID, coupon.getMerchantId());
    text(violations, "code", COUPON_CODE, coupon.getCode());
    if ((coupon.getPercentOff() == null) == (coupon.getAmountOffMinor() == null)) {
      violations.add(new Violation("percentOff", "exactly one of percentOff and amountOffMinor"));
    }
    if (coupon.getPercentOff() != null) {
      range(violations, "percentOff", coupon.getPercentOff(), 1, 99);
    }
    if (coupon.getAmountOffMinor() != null) {
      range(violations, "amountOffMinor", coupon.getAmountOffMinor(), 1, MAX_AMOUNT_MINOR);
    }
    range(violations, "minSpendMinor", coupon.getMinSpendMinor(), 0, MAX_AMOUNT_MINOR);
    if (coupon.getCurrency() != null) {
      text(violations, "currency", CURRENCY, coupon.getCurrency());
    } else if (coupon.getAmountOffMinor() != null || coupon.getMinSpendMinor() > 0) {
      violations.add(new Violation("currency", "is required with amountOffMinor or minSpendMinor"));
    }
    if (coupon.getMaxUses() != null) {
      range(violations, "maxUses", coupon.getMaxUses(), 1, MAX_COUPON_USES);
    }
    if (coupon.getMaxUsesPerCustomer() != null) {
      range(violations, "maxUsesPerCustomer", coupon.getMaxUsesPerCustomer(), 1, MAX_COUPON_USES);
    }
    if (coupon.getValidFrom() != null
        && coupon.getValidUntil() != null
        && !coupon.getValidUntil().isAfter(coupon.getValidFrom())) {
      violations.add(new Violation("validUntil", "must be after validFrom"));
    }
    if (coupon.getCreatedAt() == null) {
      violations.add(new Violation("createdAt", "is required"));
    }
    return violations;
  }

  /**
   * What the acquirer is asked to charge for an order: its total minus its coupon's discount minus
   * the value of the points it redeems. The order's rules keep it at 1 or more.
   */
  public static long chargeMinor(OrderPlaced order) {
    long discount = order.getCoupon() == null ? 0 : order.getCoupon().getDiscountMinor();
    long points = order.getPointsToRedeem() == null ? 0 : order.getPointsToRedeem();
    return order.getAmountMinor() - discount - points * POINT_VALUE_MINOR;
  }

  /**
   * What a {@code PointsReservation} breaks: its ids, at least one point, a REFUSED answer with its
   * reason and a RESERVED one without.
   */
  public static List<Violation> pointsReservation(PointsReservation reservation) {
    List<Violation> violations = new ArrayList<>();
    text(violations, "orderId", ORDER_ID, reservation.getOrderId());
    text(violations, "merchantId", MERCHANT_ID, reservation.getMerchantId());
    text(violations, "customerId", CUSTOMER_ID, reservation.getCustomerId());
    range(violations, "points", reservation.getPoints(), 1, MAX_AMOUNT_MINOR);
    range(violations, "availablePoints", reservation.getAvailablePoints(), 0, Long.MAX_VALUE);
    if (reservation.getStatus() == null) {
      violations.add(new Violation("status", "is required"));
    } else if ((reservation.getStatus() == PointsReservationStatus.REFUSED)
        != (reservation.getReason() != null)) {
      violations.add(new Violation("reason", "is required when REFUSED, and only then"));
    }
    if (reservation.getDecidedAt() == null) {
      violations.add(new Violation("decidedAt", "is required"));
    }
    return violations;
  }

  /** What a {@code RiskAssessed} breaks: its order's rules and the score's range. */
  public static List<Violation> assessment(RiskAssessed assessment) {
    List<Violation> violations = cardNumbers(assessment.getOrder(), "order.");
    checkOrder(assessment.getOrder(), "order.", violations);
    range(violations, "score", assessment.getScore(), 0, MAX_RISK_SCORE);
    return violations;
  }

  /**
   * What a {@code PaymentProcessed} breaks. Its strings are not searched for card numbers: the
   * merchant's ones were checked when the order came in, and the payment's own ids are hex digests
   * that a digit-run search would take for card numbers now and then.
   */
  public static List<Violation> payment(PaymentProcessed payment) {
    List<Violation> violations = new ArrayList<>();
    text(violations, "paymentId", PAYMENT_ID, payment.getPaymentId());
    text(violations, "orderId", ORDER_ID, payment.getOrderId());
    text(violations, "customerId", CUSTOMER_ID, payment.getCustomerId());
    text(violations, "merchantId", MERCHANT_ID, payment.getMerchantId());
    range(violations, "amountMinor", payment.getAmountMinor(), 1, MAX_AMOUNT_MINOR);
    text(violations, "currency", CURRENCY, payment.getCurrency());
    return violations;
  }

  /**
   * What a {@code RefundProcessed} breaks. A completed refund names its customer and an active
   * currency; a rejected one of an order nobody knows has neither (currency {@link #NO_CURRENCY}).
   */
  public static List<Violation> refund(RefundProcessed refund) {
    List<Violation> violations = new ArrayList<>();
    boolean completed = refund.getStatus() == RefundStatus.COMPLETED;
    text(violations, "refundId", REFUND_ID, refund.getRefundId());
    text(violations, "orderId", ORDER_ID, refund.getOrderId());
    text(violations, "merchantId", MERCHANT_ID, refund.getMerchantId());
    if (completed || refund.getCustomerId() != null) {
      text(violations, "customerId", CUSTOMER_ID, refund.getCustomerId());
    }
    range(violations, "amountMinor", refund.getAmountMinor(), completed ? 1 : 0, MAX_AMOUNT_MINOR);
    range(violations, "refundedTotalMinor", refund.getRefundedTotalMinor(), 0, MAX_AMOUNT_MINOR);
    if (completed || !NO_CURRENCY.equals(refund.getCurrency())) {
      text(violations, "currency", CURRENCY, refund.getCurrency());
    }
    return violations;
  }

  /**
   * What a {@code CustomerRegistered} breaks: card numbers in any field first, then every rule. The
   * optional contact fields are checked only when present.
   */
  public static List<Violation> customer(CustomerRegistered customer) {
    List<Violation> violations = cardNumbers(customer, "");
    text(violations, "merchantId", MERCHANT_ID, customer.getMerchantId());
    text(violations, "customerId", CUSTOMER_ID, customer.getCustomerId());
    text(violations, "displayName", DISPLAY_NAME, customer.getDisplayName());
    if (customer.getEmailSha256() != null) {
      text(violations, "emailSha256", EMAIL_SHA256, customer.getEmailSha256());
    }
    if (customer.getContactReference() != null) {
      text(violations, "contactReference", CONTACT_REFERENCE, customer.getContactReference());
    }
    text(violations, "country", COUNTRY, customer.getCountry());
    return violations;
  }

  /** Whether one of the violations is a card number (the record must then not be copied). */
  public static boolean holdsCardNumber(List<Violation> violations) {
    return violations.stream().anyMatch(v -> CARD_NUMBER_MESSAGE.equals(v.message()));
  }

  /** The rule's problem with {@code value} as a violation of {@code field}, if any. */
  public static void text(List<Violation> violations, String field, TextRule rule, String value) {
    String problem = rule.problem(value);
    if (problem != null) {
      violations.add(new Violation(field, problem));
    }
  }

  /** Why {@code value} is outside {@code min..max}, or null; phrased for amounts when min is 1. */
  public static String rangeProblem(long value, long min, long max) {
    if (value >= min && value <= max) {
      return null;
    }
    return min == 1 ? "must be positive, at most " + max : "must be from " + min + " to " + max;
  }

  /**
   * The cross-field rule of an order: the total equals the sum of quantity x unit amount of its
   * items. Checked in exact arithmetic: an overflowing sum is a violation, never a wrap-around.
   */
  public static String totalProblem(long amountMinor, List<LineItem> items) {
    long total = 0;
    try {
      for (LineItem item : items) {
        total =
            Math.addExact(total, Math.multiplyExact(item.getUnitAmountMinor(), item.getQuantity()));
      }
    } catch (ArithmeticException overflow) {
      return "must equal the sum of quantity x unitAmountMinor of the items, which is too large";
    }
    return total == amountMinor
        ? null
        : "must equal the sum of quantity x unitAmountMinor of the items";
  }

  private static void checkOrder(OrderPlaced order, String at, List<Violation> violations) {
    text(violations, at + "orderId", ORDER_ID, order.getOrderId());
    text(violations, at + "merchantId", MERCHANT_ID, order.getMerchantId());
    text(violations, at + "customerId", CUSTOMER_ID, order.getCustomerId());
    int before = violations.size();
    range(violations, at + "amountMinor", order.getAmountMinor(), 1, MAX_AMOUNT_MINOR);
    text(violations, at + "currency", CURRENCY, order.getCurrency());
    List<LineItem> items = order.getItems();
    if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
      violations.add(new Violation(at + "items", "must hold 1 to " + MAX_ITEMS + " items"));
    } else {
      for (int i = 0; i < items.size(); i++) {
        String item = at + "items[" + i + "]";
        text(violations, item + ".sku", SKU, items.get(i).getSku());
        range(violations, item + ".quantity", items.get(i).getQuantity(), 1, MAX_QUANTITY);
        range(
            violations,
            item + ".unitAmountMinor",
            items.get(i).getUnitAmountMinor(),
            0,
            MAX_AMOUNT_MINOR);
      }
    }
    if (violations.size() == before) {
      String total = totalProblem(order.getAmountMinor(), items);
      if (total != null) {
        violations.add(new Violation(at + "amountMinor", total));
      }
    }
    PaymentMethod method = order.getPaymentMethod();
    if (method == null) {
      violations.add(new Violation(at + "paymentMethod", "is required"));
    } else {
      text(violations, at + "paymentMethod.token", TOKEN, method.getToken());
      text(violations, at + "paymentMethod.brand", BRAND, method.getBrand());
      text(violations, at + "paymentMethod.last4", LAST4, method.getLast4());
      text(violations, at + "paymentMethod.issuingCountry", COUNTRY, method.getIssuingCountry());
    }
    text(violations, at + "shippingCountry", COUNTRY, order.getShippingCountry());
    if (order.getChannel() == null) {
      violations.add(new Violation(at + "channel", "is required"));
    }
    if (order.getPlacedAt() == null) {
      violations.add(new Violation(at + "placedAt", "is required"));
    }
    AppliedCoupon coupon = order.getCoupon();
    if (coupon != null) {
      text(violations, at + "coupon.code", COUPON_CODE, coupon.getCode());
      // The charge, amountMinor minus the discount, stays positive.
      range(
          violations, at + "coupon.discountMinor", coupon.getDiscountMinor(), 1, MAX_AMOUNT_MINOR);
      if (coupon.getDiscountMinor() >= 1 && coupon.getDiscountMinor() >= order.getAmountMinor()) {
        violations.add(new Violation(at + "coupon.discountMinor", "must be less than amountMinor"));
      }
      if (coupon.getMaxUses() != null) {
        range(violations, at + "coupon.maxUses", coupon.getMaxUses(), 1, MAX_COUPON_USES);
      }
      if (coupon.getMaxUsesPerCustomer() != null) {
        range(
            violations,
            at + "coupon.maxUsesPerCustomer",
            coupon.getMaxUsesPerCustomer(),
            1,
            MAX_COUPON_USES);
      }
    }
    Long points = order.getPointsToRedeem();
    if (points != null) {
      range(violations, at + "pointsToRedeem", points, 1, MAX_AMOUNT_MINOR);
      long discount = coupon == null ? 0 : coupon.getDiscountMinor();
      // The charge, amountMinor minus the discount and the points' value, stays positive.
      if (points >= 1
          && points <= MAX_AMOUNT_MINOR
          && points * POINT_VALUE_MINOR >= order.getAmountMinor() - discount) {
        violations.add(
            new Violation(
                at + "pointsToRedeem",
                "must be worth less than amountMinor minus the coupon's discount"));
      }
    }
  }

  private static List<Violation> cardNumbers(
      org.apache.avro.generic.GenericRecord record, String at) {
    List<Violation> violations = new ArrayList<>();
    if (record != null) {
      for (String field : CardNumbers.fieldsWithCardNumbers(record)) {
        violations.add(new Violation(at + field, CARD_NUMBER_MESSAGE));
      }
    }
    return violations;
  }

  private static void range(
      List<Violation> violations, String field, long value, long min, long max) {
    String problem = rangeProblem(value, min, max);
    if (problem != null) {
      violations.add(new Violation(field, problem));
    }
  }

  private static TextRule id(int maxLength) {
    Pattern alphabet = Pattern.compile(ID_ALPHABET);
    return new TextRule(
        1,
        maxLength,
        value -> alphabet.matcher(value).matches() && !".".equals(value) && !"..".equals(value),
        ID_EXPECTATION);
  }

  private static TextRule printable(int maxLength) {
    return new TextRule(
        1, maxLength, value -> PRINTABLE.matcher(value).matches(), PRINTABLE_EXPECTATION);
  }
}
