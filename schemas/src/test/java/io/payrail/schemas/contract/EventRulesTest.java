package io.payrail.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.Channel;
import io.payrail.events.CouponDefined;
import io.payrail.events.CustomerVerification;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundRequested;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.events.VerificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The contract's rules for event values ({@link ContractRules}). */
class EventRulesTest {

  private static final String PAN = "4111111111111111";

  static OrderPlaced validOrder() {
    return OrderPlaced.newBuilder()
        .setOrderId("order-1")
        .setMerchantId("merchant-1")
        .setCustomerId("customer-1")
        .setAmountMinor(3999)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 2, 1500L), new LineItem("sku-2", 1, 999L)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(Instant.parse("2026-11-30T10:15:30Z"))
        .build();
  }

  private static List<Violation> orderWith(Consumer<OrderPlaced> change) {
    OrderPlaced order = validOrder();
    change.accept(order);
    return ContractRules.order(order);
  }

  private static List<String> fields(List<Violation> violations) {
    return violations.stream().map(Violation::field).toList();
  }

  @Test
  void aValidOrderBreaksNoRule() {
    assertThat(ContractRules.order(validOrder())).isEmpty();
  }

  @Test
  void idsTheOrdersOwnUrlCannotReachAreRefused() {
    assertThat(fields(orderWith(o -> o.setOrderId(".")))).containsExactly("orderId");
    assertThat(fields(orderWith(o -> o.setOrderId("..")))).containsExactly("orderId");
    assertThat(fields(orderWith(o -> o.setCustomerId("..")))).containsExactly("customerId");
    assertThat(orderWith(o -> o.setOrderId("..."))).isEmpty();
    assertThat(orderWith(o -> o.setOrderId("a.b:c-d_E"))).isEmpty();
    for (String id : List.of("a/b", "a b", "a%2F", "a?b", "é", "", " ", "a\u0000")) {
      assertThat(fields(orderWith(o -> o.setOrderId(id)))).as(id).containsExactly("orderId");
    }
  }

  @Test
  void idLengthsAreTheColumnSizes() {
    assertThat(orderWith(o -> o.setOrderId("o".repeat(64)))).isEmpty();
    assertThat(fields(orderWith(o -> o.setOrderId("o".repeat(65))))).containsExactly("orderId");
    assertThat(orderWith(o -> o.setCustomerId("c".repeat(128)))).isEmpty();
    assertThat(fields(orderWith(o -> o.setCustomerId("c".repeat(129)))))
        .containsExactly("customerId");
  }

  @Test
  void amountsArePositiveAndAtMostTheDocumentedMaximum() {
    long max = ContractRules.MAX_AMOUNT_MINOR;
    assertThat(
            orderWith(
                o -> {
                  o.setAmountMinor(max);
                  o.setItems(List.of(new LineItem("sku", 1, max)));
                }))
        .isEmpty();
    for (long amount : List.of(0L, -1L, max + 1, Long.MAX_VALUE)) {
      assertThat(fields(orderWith(o -> o.setAmountMinor(amount))))
          .as("%d", amount)
          .contains("amountMinor");
    }
    assertThat(String.valueOf(max)).hasSizeLessThan(CardNumbers.MIN_DIGITS);
  }

  @Test
  void lineItemsMustSumToTheAmountWithoutOverflow() {
    assertThat(orderWith(o -> o.setAmountMinor(4000)))
        .containsExactly(
            new Violation(
                "amountMinor", "must equal the sum of quantity x unitAmountMinor of the items"));
    long max = ContractRules.MAX_AMOUNT_MINOR;
    List<Violation> overflow =
        orderWith(
            o ->
                o.setItems(
                    java.util.stream.IntStream.range(0, 100)
                        .mapToObj(i -> new LineItem("sku", ContractRules.MAX_QUANTITY, max))
                        .toList()));
    assertThat(fields(overflow)).containsExactly("amountMinor");
    assertThat(fields(orderWith(o -> o.setItems(List.of())))).containsExactly("items");
  }

  @Test
  void onlyActiveIsoCurrenciesAndAssignedCountries() {
    for (String currency : List.of("XXX", "XAU", "XTS", "HRK", "eur", "EURO", "")) {
      assertThat(fields(orderWith(o -> o.setCurrency(currency))))
          .as(currency)
          .containsExactly("currency");
    }
    for (String country : List.of("de", "XX", "UK", "EU", "DEU", "")) {
      assertThat(fields(orderWith(o -> o.setShippingCountry(country))))
          .as(country)
          .containsExactly("shippingCountry");
    }
    assertThat(orderWith(o -> o.setCurrency("JPY"))).isEmpty();
  }

  @Test
  void theDocumentedTestTokensAreTokensAndACardNumberIsNot() {
    for (String token :
        List.of(
            "tok_visa",
            "tok_chargeDeclined",
            "tok_chargeDeclinedInsufficientFunds",
            "tok_processingError",
            "tok_timeout",
            "tok_burst_17",
            "pm_1N3T00LkdIwHu7ix")) {
      assertThat(orderWith(o -> o.getPaymentMethod().setToken(token))).as(token).isEmpty();
    }
    for (String token :
        List.of("4111.1111.1111.1111", "4111 1111 1111 1111", "tok visa", "TOK_visa", "tok_")) {
      assertThat(fields(orderWith(o -> o.getPaymentMethod().setToken(token))))
          .as(token)
          .contains("paymentMethod.token");
    }
  }

  @Test
  void last4IsExactlyFourAsciiDigits() {
    for (String last4 :
        List.of(
            "424", "42424", "\uff14\uff12\uff14\uff12", "\u0664\u0662\u0664\u0662", "42a2", "")) {
      assertThat(fields(orderWith(o -> o.getPaymentMethod().setLast4(last4))))
          .as(last4)
          .containsExactly("paymentMethod.last4");
    }
  }

  @Test
  void aCardNumberInAnyStringFieldIsNamedButNeverQuoted() {
    List<Consumer<OrderPlaced>> smuggled =
        List.of(
            o -> o.setOrderId(PAN),
            o -> o.setCustomerId("c-" + PAN),
            o -> o.setMerchantId(PAN),
            o -> o.getItems().get(1).setSku("4111 1111 1111 1111"),
            o -> o.getPaymentMethod().setToken("tok_" + PAN),
            o -> o.getPaymentMethod().setBrand("visa 4111.1111.1111.1111"));
    List<String> where =
        List.of(
            "orderId",
            "customerId",
            "merchantId",
            "items[1].sku",
            "paymentMethod.token",
            "paymentMethod.brand");
    for (int i = 0; i < smuggled.size(); i++) {
      List<Violation> violations = orderWith(smuggled.get(i));
      assertThat(violations.get(0))
          .isEqualTo(new Violation(where.get(i), ContractRules.CARD_NUMBER_MESSAGE));
      assertThat(violations)
          .allSatisfy(v -> assertThat(CardNumbers.containsCardNumber(v.toString())).isFalse());
    }
  }

  @Test
  void refundRequestsFollowTheSameRules() {
    RefundRequested valid =
        RefundRequested.newBuilder()
            .setRefundId("rf-1")
            .setOrderId("order-1")
            .setMerchantId("merchant-1")
            .setAmountMinor(null)
            .setCurrency(null)
            .setReason("r".repeat(ContractRules.MAX_REASON_LENGTH))
            .setRequestedAt(Instant.parse("2026-11-30T10:15:30Z"))
            .build();
    assertThat(ContractRules.refundRequest(valid)).isEmpty();

    RefundRequested broken = RefundRequested.newBuilder(valid).build();
    broken.setRefundId("..");
    broken.setAmountMinor(ContractRules.MAX_AMOUNT_MINOR + 1);
    broken.setCurrency("XAU");
    broken.setReason("card " + PAN);
    assertThat(fields(ContractRules.refundRequest(broken)))
        .containsExactly("reason", "refundId", "amountMinor", "currency");
    broken.setReason("r".repeat(ContractRules.MAX_REASON_LENGTH + 1));
    assertThat(fields(ContractRules.refundRequest(broken))).contains("reason");
  }

  @Test
  void assessmentsCheckTheirOrderAndScore() {
    RiskAssessed assessment =
        RiskAssessed.newBuilder()
            .setOrder(validOrder())
            .setScore(101)
            .setDecision(RiskDecision.APPROVE)
            .setReasons(List.of())
            .setRulesVersion("v1")
            .setAssessedAt(Instant.parse("2026-11-30T10:15:31Z"))
            .build();
    assessment.getOrder().setCurrency("XXX");
    assertThat(fields(ContractRules.assessment(assessment)))
        .containsExactly("order.currency", "score");
  }

  private static CustomerVerification verified() {
    return CustomerVerification.newBuilder()
        .setMerchantId("merchant-1")
        .setCustomerId("customer-1")
        .setStatus(VerificationStatus.VERIFIED)
        .setLevel("basic")
        .setProviderReference("vrf_sim_1")
        .setVerifiedAt(Instant.parse("2026-11-30T10:00:00Z"))
        .setExpiresAt(Instant.parse("2027-11-30T10:00:00Z"))
        .setUpdatedAt(Instant.parse("2026-11-30T10:00:01Z"))
        .build();
  }

  @Test
  void aVerificationNamesItsCustomerAndHoldsNoDocumentNumber() {
    assertThat(ContractRules.customerVerification(verified())).isEmpty();

    CustomerVerification odd = verified();
    odd.setCustomerId("a/b");
    odd.setLevel("Basic Level");
    odd.setProviderReference(PAN);
    assertThat(fields(ContractRules.customerVerification(odd)))
        .containsExactly("providerReference", "customerId", "level");
    assertThat(ContractRules.holdsCardNumber(ContractRules.customerVerification(odd))).isTrue();
    assertThat(ContractRules.customerVerification(odd).toString()).doesNotContain(PAN);
  }

  @Test
  void aVerifiedRecordSaysWhenAndExpiresOnlyAfterIt() {
    CustomerVerification undated = verified();
    undated.setVerifiedAt(null);
    undated.setExpiresAt(null);
    assertThat(fields(ContractRules.customerVerification(undated))).containsExactly("verifiedAt");

    CustomerVerification backwards = verified();
    backwards.setExpiresAt(backwards.getVerifiedAt().minusSeconds(1));
    assertThat(fields(ContractRules.customerVerification(backwards))).containsExactly("expiresAt");

    CustomerVerification pending = verified();
    pending.setStatus(VerificationStatus.PENDING);
    pending.setVerifiedAt(null);
    pending.setLevel(null);
    pending.setProviderReference(null);
    pending.setExpiresAt(null);
    assertThat(ContractRules.customerVerification(pending)).isEmpty();
  }

  private static ReviewDecided decision() {
    return ReviewDecided.newBuilder()
        .setDecisionId("5f0c1a52-9a47-3c1e-9a57-0e3b9a2b6f10")
        .setOrderId("order-1")
        .setMerchantId("merchant-1")
        .setDecision(ReviewOutcome.APPROVE)
        .setReviewer("reviewer-7")
        .setNote("called the customer, order confirmed")
        .setDecidedAt(Instant.parse("2026-11-30T10:15:30Z"))
        .build();
  }

  @Test
  void aValidReviewDecisionBreaksNoRule() {
    assertThat(ContractRules.reviewDecision(decision())).isEmpty();
    ReviewDecided withoutNote = decision();
    withoutNote.setNote(null);
    assertThat(ContractRules.reviewDecision(withoutNote)).isEmpty();
  }

  @Test
  void aReviewNoteIsPrintableAndBoundedAndNeverACardNumber() {
    ReviewDecided decision = decision();
    decision.setNote("n".repeat(ContractRules.MAX_REVIEW_NOTE_LENGTH + 1));
    assertThat(fields(ContractRules.reviewDecision(decision))).containsExactly("note");
    decision.setNote("line\u0000break");
    assertThat(fields(ContractRules.reviewDecision(decision))).containsExactly("note");
    decision.setNote("card was " + PAN);
    List<Violation> violations = ContractRules.reviewDecision(decision);
    assertThat(ContractRules.holdsCardNumber(violations)).isTrue();
  }

  @Test
  void aReviewerIsAnIdNotAName() {
    ReviewDecided decision = decision();
    decision.setReviewer("Jane Doe");
    assertThat(fields(ContractRules.reviewDecision(decision))).containsExactly("reviewer");
    decision.setReviewer("r".repeat(ContractRules.MAX_REVIEWER_LENGTH + 1));
    assertThat(fields(ContractRules.reviewDecision(decision))).containsExactly("reviewer");
    decision.setReviewer("payrail-hold-expiry");
    assertThat(ContractRules.reviewDecision(decision)).isEmpty();
  }

  private static CouponDefined percentCoupon() {
    return CouponDefined.newBuilder()
        .setMerchantId("merchant-1")
        .setCode("SUMMER-10")
        .setPercentOff(10)
        .setMaxUses(100)
        .setMaxUsesPerCustomer(1)
        .setValidFrom(Instant.parse("2026-06-01T00:00:00Z"))
        .setValidUntil(Instant.parse("2026-09-01T00:00:00Z"))
        .setCreatedAt(Instant.parse("2026-05-30T10:00:00Z"))
        .build();
  }

  @Test
  void aCouponIsEitherAPercentageOrAFixedAmountInItsCurrency() {
    assertThat(ContractRules.coupon(percentCoupon())).isEmpty();
    CouponDefined both = percentCoupon();
    both.setAmountOffMinor(500L);
    both.setCurrency("EUR");
    assertThat(fields(ContractRules.coupon(both))).containsExactly("percentOff");
    CouponDefined fixedWithoutCurrency = percentCoupon();
    fixedWithoutCurrency.setPercentOff(null);
    fixedWithoutCurrency.setAmountOffMinor(500L);
    assertThat(fields(ContractRules.coupon(fixedWithoutCurrency))).containsExactly("currency");
    fixedWithoutCurrency.setCurrency("EUR");
    assertThat(ContractRules.coupon(fixedWithoutCurrency)).isEmpty();
  }

  @Test
  void aCouponsCodeLimitsAndValidityAreChecked() {
    CouponDefined coupon = percentCoupon();
    coupon.setCode("summer-10");
    coupon.setPercentOff(100);
    coupon.setMaxUses(0);
    coupon.setValidUntil(coupon.getValidFrom());
    assertThat(fields(ContractRules.coupon(coupon)))
        .containsExactly("code", "percentOff", "maxUses", "validUntil");
  }

  @Test
  void anOrdersCouponDiscountLeavesAPositiveCharge() {
    assertThat(orderWith(o -> o.setCoupon(new AppliedCoupon("SUMMER-10", 399L, 100, 1)))).isEmpty();
    assertThat(
            fields(orderWith(o -> o.setCoupon(new AppliedCoupon("SUMMER-10", 3999L, null, null)))))
        .containsExactly("coupon.discountMinor");
    assertThat(fields(orderWith(o -> o.setCoupon(new AppliedCoupon("SUMMER-10", 0L, null, null)))))
        .containsExactly("coupon.discountMinor");
    assertThat(fields(orderWith(o -> o.setCoupon(new AppliedCoupon("x", 1L, null, null)))))
        .containsExactly("coupon.code");
  }

  @Test
  void redeemedPointsLeaveAPositiveChargeAfterTheDiscount() {
    // validOrder() totals 3999: 399 off and 3599 points leave 1 to charge.
    assertThat(
            orderWith(
                o -> {
                  o.setCoupon(new AppliedCoupon("SUMMER-10", 399L, null, null));
                  o.setPointsToRedeem(3599L);
                }))
        .isEmpty();
    assertThat(
            fields(
                orderWith(
                    o -> {
                      o.setCoupon(new AppliedCoupon("SUMMER-10", 399L, null, null));
                      o.setPointsToRedeem(3600L);
                    })))
        .containsExactly("pointsToRedeem");
    assertThat(fields(orderWith(o -> o.setPointsToRedeem(0L)))).containsExactly("pointsToRedeem");
    assertThat(fields(orderWith(o -> o.setPointsToRedeem(-5L)))).containsExactly("pointsToRedeem");
  }

  @Test
  void theChargeIsTheTotalLessTheDiscountAndThePointsValue() {
    OrderPlaced order = validOrder();
    order.setCoupon(new AppliedCoupon("SUMMER-10", 399L, null, null));
    order.setPointsToRedeem(600L);
    assertThat(ContractRules.chargeMinor(order)).isEqualTo(3999 - 399 - 600);
    assertThat(ContractRules.chargeMinor(validOrder())).isEqualTo(3999);
  }

  @Test
  void aRefusedReservationSaysWhyAndAReservedOneDoesNot() {
    PointsReservation reserved =
        new PointsReservation(
            "1001",
            "m-1",
            "c-1",
            500L,
            PointsReservationStatus.RESERVED,
            null,
            120L,
            Instant.parse("2026-12-02T06:00:00Z"));
    assertThat(ContractRules.pointsReservation(reserved)).isEmpty();
    PointsReservation refusedWithoutReason = PointsReservation.newBuilder(reserved).build();
    refusedWithoutReason.setStatus(PointsReservationStatus.REFUSED);
    assertThat(fields(ContractRules.pointsReservation(refusedWithoutReason)))
        .containsExactly("reason");
    refusedWithoutReason.setReason(ContractRules.INSUFFICIENT_POINTS);
    assertThat(ContractRules.pointsReservation(refusedWithoutReason)).isEmpty();
    reserved.setPoints(0L);
    assertThat(fields(ContractRules.pointsReservation(reserved))).containsExactly("points");
  }
}
