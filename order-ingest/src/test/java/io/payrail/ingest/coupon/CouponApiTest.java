package io.payrail.ingest.coupon;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.CouponDefined;
import io.payrail.events.OrderPlaced;
import io.payrail.ingest.FacadeTestBase;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Coupons over real HTTP, published to and read back from the in-process broker. */
class CouponApiTest extends FacadeTestBase {

  /**
   * A fresh code: upper-case letters and '-', never a run of digits (a card number to the rules).
   */
  private static String newCode(String prefix) {
    String id = uniqueId("").replace("-", "").toUpperCase(Locale.ROOT);
    return prefix + "-" + id.substring(0, 16);
  }

  private static String percentCoupon(String code, int percentOff) {
    return """
        {"code": "%s", "percentOff": %d}
        """
        .formatted(code, percentOff);
  }

  private static String orderWithCoupon(String orderId, String code) {
    return orderJson(orderId)
        .replace("\"channel\":\"WEB\"}", "\"channel\":\"WEB\",\"coupon\":\"" + code + "\"}");
  }

  private HttpResponse<String> define(String json) {
    return post(port, "/v1/coupons", DEV_KEY, json);
  }

  @Test
  void definedCouponIsPublishedOnceKeyedByMerchantAndCodeAndReadableAtOnce() {
    String code = newCode("TEN");

    HttpResponse<String> created = define(percentCoupon(code, 10));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/v1/coupons/" + code);
    assertThat(created.body())
        .contains("\"code\":\"" + code + "\"")
        .contains("\"percentOff\":10")
        .contains("\"createdAt\"");
    List<CouponDefined> published =
        IngestTestSupport.valuesWithKey(Topics.COUPONS, CouponKey.of(DEV_MERCHANT, code));
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getMerchantId()).isEqualTo(DEV_MERCHANT);
    // Read-your-writes: the very next request finds it.
    HttpResponse<String> read = get(port, "/v1/coupons/" + code, DEV_KEY);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"percentOff\":10");
  }

  @Test
  void sameDefinitionAgainAnswers200AndPublishesNothing() {
    String code = newCode("AGAIN");
    HttpResponse<String> first = define(percentCoupon(code, 15));

    HttpResponse<String> again = define(percentCoupon(code, 15));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(IngestTestSupport.valuesWithKey(Topics.COUPONS, CouponKey.of(DEV_MERCHANT, code)))
        .hasSize(1);
  }

  @Test
  void anotherDefinitionOfAnExistingCodeConflicts() {
    String code = newCode("CHANGED");
    assertThat(define(percentCoupon(code, 10)).statusCode()).isEqualTo(201);

    HttpResponse<String> changed = define(percentCoupon(code, 20));

    assertThat(changed.statusCode()).isEqualTo(409);
    assertThat(changed.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(changed.body()).contains("https://payrail.io/problems/coupon-exists");
    assertThat(get(port, "/v1/coupons/" + code, DEV_KEY).body()).contains("\"percentOff\":10");
  }

  @Test
  void codeIsUpperCasedAndAnotherMerchantsCouponIsNotFound() {
    String code = newCode("LOWER");

    HttpResponse<String> created = define(percentCoupon(code.toLowerCase(Locale.ROOT), 10));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"code\":\"" + code + "\"");
    assertThat(get(port, "/v1/coupons/" + code.toLowerCase(Locale.ROOT), DEV_KEY).statusCode())
        .isEqualTo(200);
    assertThat(get(port, "/v1/coupons/" + code, OTHER_KEY).statusCode()).isEqualTo(404);
    assertThat(get(port, "/v1/coupons/" + newCode("NEVER"), DEV_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void invalidOrUnknownFieldsAreRefusedAllAtOnce() {
    HttpResponse<String> response =
        define(
            """
            {"code": "no spaces allowed", "percentOff": 100, "amountOffMinor": 500,
             "validFrom": "yesterday", "discount": 5}
            """);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("validation-failed")
        .contains("\"code\"")
        .contains("\"percentOff\"")
        .contains("\"validFrom\"")
        .contains("\"discount\"");
  }

  @Test
  void crossFieldRulesOfTheContractAreChecked() {
    HttpResponse<String> response =
        define(
            """
            {"code": "%s", "amountOffMinor": 500,
             "validFrom": "2026-12-02T00:00:00Z", "validUntil": "2026-12-01T00:00:00Z"}
            """
                .formatted(newCode("CROSS")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"currency\"").contains("\"validUntil\"");
  }

  @Test
  void cardNumberAnywhereIsRefusedWithoutEcho() {
    String code = newCode("CARD");
    HttpResponse<String> response =
        define(
            """
            {"code": "%s", "percentOff": 10, "note": "4111 1111 1111 1111"}
            """
                .formatted(code));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("card-number-in-request").doesNotContain("4111");
    assertThat(IngestTestSupport.valuesWithKey(Topics.COUPONS, CouponKey.of(DEV_MERCHANT, code)))
        .isEmpty();
  }

  @Test
  void orderWithAPercentageCouponIsPricedExactlyAndShownOnItsStatus() {
    String code = newCode("PCT");
    assertThat(define(percentCoupon(code, 10)).statusCode()).isEqualTo(201);
    String orderId = uniqueId("coupon-order");

    // 10 % of 3999 is 399.9: 399 off, 3600 charged. The code in lower case names the coupon.
    HttpResponse<String> accepted =
        post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, code.toLowerCase(Locale.ROOT)));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body())
        .contains("\"coupon\":{\"code\":\"" + code + "\",\"discountMinor\":399}")
        .contains("\"chargeMinor\":3600");
    List<OrderPlaced> published =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId));
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getAmountMinor()).isEqualTo(3999);
    assertThat(published.get(0).getCoupon().getCode()).isEqualTo(code);
    assertThat(published.get(0).getCoupon().getDiscountMinor()).isEqualTo(399);
    HttpResponse<String> status = get(port, "/v1/orders/" + orderId, DEV_KEY);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body())
        .contains("\"coupon\":{\"code\":\"" + code + "\",\"discountMinor\":399}")
        .contains("\"chargeMinor\":3600");
  }

  @Test
  void orderWithAFixedAmountCouponCarriesItsLimits() {
    String code = newCode("FIXED");
    assertThat(
            define(
                    """
                    {"code": "%s", "amountOffMinor": 500, "currency": "EUR", "maxUses": 3,
                     "maxUsesPerCustomer": 1}
                    """
                        .formatted(code))
                .statusCode())
        .isEqualTo(201);
    String orderId = uniqueId("fixed-order");

    HttpResponse<String> accepted =
        post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, code));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body()).contains("\"discountMinor\":500").contains("\"chargeMinor\":3499");
    OrderPlaced published =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)).get(0);
    assertThat(published.getCoupon().getMaxUses()).isEqualTo(3);
    assertThat(published.getCoupon().getMaxUsesPerCustomer()).isEqualTo(1);
  }

  @Test
  void orderWithoutACouponIsChargedItsTotal() {
    HttpResponse<String> accepted =
        post(port, "/v1/orders", DEV_KEY, orderJson(uniqueId("plain-order")));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body()).contains("\"chargeMinor\":3999").doesNotContain("\"coupon\"");
  }

  @Test
  void couponThatDoesNotApplyIsRefusedAndNothingIsPublished() {
    String wrongCurrency = newCode("USD");
    define(
        """
        {"code": "%s", "amountOffMinor": 500, "currency": "USD"}
        """
            .formatted(wrongCurrency));
    String tooBig = newCode("BIG");
    define(
        """
        {"code": "%s", "amountOffMinor": 3999, "currency": "EUR"}
        """
            .formatted(tooBig));
    String expired = newCode("OLD");
    define(
        """
        {"code": "%s", "percentOff": 10, "validUntil": "2026-01-01T00:00:00Z"}
        """
            .formatted(expired));
    String minimum = newCode("MIN");
    define(
        """
        {"code": "%s", "percentOff": 10, "currency": "EUR", "minSpendMinor": 4000}
        """
            .formatted(minimum));
    String otherMerchants = newCode("THEIRS");
    post(port, "/v1/coupons", OTHER_KEY, percentCoupon(otherMerchants, 10));

    for (String[] refused :
        new String[][] {
          {wrongCurrency, "orders in USD only"},
          {tooBig, "not less than the order's total"},
          {expired, "expired"},
          {minimum, "minimum spend"},
          {otherMerchants, "no coupon"},
          {newCode("UNKNOWN"), "no coupon"}
        }) {
      String orderId = uniqueId("refused-order");
      HttpResponse<String> response =
          post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, refused[0]));

      assertThat(response.statusCode()).as(refused[1]).isEqualTo(422);
      assertThat(response.body())
          .contains("https://payrail.io/problems/coupon-not-applicable")
          .contains(refused[1]);
      assertThat(IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)))
          .isEmpty();
    }
  }

  @Test
  void sameOrderIdWithAnotherCouponConflictsAndTheSameCouponReplays() {
    String code = newCode("REPLAY");
    String other = newCode("OTHER");
    define(percentCoupon(code, 10));
    define(percentCoupon(other, 20));
    String orderId = uniqueId("replayed-order");
    HttpResponse<String> first = post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, code));

    HttpResponse<String> replay = post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, code));
    HttpResponse<String> withOther =
        post(port, "/v1/orders", DEV_KEY, orderWithCoupon(orderId, other));
    HttpResponse<String> withNone = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(replay.body())
        .contains("\"coupon\":{\"code\":\"" + code + "\",\"discountMinor\":399}")
        .contains("\"chargeMinor\":3600");
    assertThat(withOther.statusCode()).isEqualTo(409);
    assertThat(withNone.statusCode()).isEqualTo(409);
    assertThat(IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)))
        .hasSize(1);
  }

  /**
   * Points are weighed against the charge after the coupon's discount: 10 % off 3999 leaves 3600,
   * so 3599 points leave 1 to charge and 3600 leave nothing (422, nothing published).
   */
  @Test
  void pointsAreWeighedAgainstTheChargeAfterTheCouponsDiscount() {
    String code = newCode("PTS");
    define(percentCoupon(code, 10));
    String most = uniqueId("coupon-most-points");
    String tooMany = uniqueId("coupon-too-many-points");

    HttpResponse<String> accepted =
        post(port, "/v1/orders", DEV_KEY, withPoints(orderWithCoupon(most, code), 3599));
    HttpResponse<String> refused =
        post(port, "/v1/orders", DEV_KEY, withPoints(orderWithCoupon(tooMany, code), 3600));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.body())
        .contains("\"coupon\":{\"code\":\"" + code + "\",\"discountMinor\":399}")
        .contains("\"pointsToRedeem\":3599")
        .contains("\"chargeMinor\":1");
    OrderPlaced published =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, most)).get(0);
    assertThat(published.getCoupon().getDiscountMinor()).isEqualTo(399);
    assertThat(published.getPointsToRedeem()).isEqualTo(3599L);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("https://payrail.io/problems/points-exceed-charge")
        .contains("the charge before points is 3600")
        .contains("at most 3599 points");
    assertThat(IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, tooMany)))
        .isEmpty();
  }

  private static String withPoints(String orderJson, long points) {
    return orderJson.replace("}\n", ",\"pointsToRedeem\":" + points + "}\n");
  }

  @Test
  void invalidCouponCodeInAnOrderIsAValidationError() {
    HttpResponse<String> response =
        post(port, "/v1/orders", DEV_KEY, orderWithCoupon(uniqueId("bad-code"), "a b"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("validation-failed").contains("\"coupon\"");
  }
}
