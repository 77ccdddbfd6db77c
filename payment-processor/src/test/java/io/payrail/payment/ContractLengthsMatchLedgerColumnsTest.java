package io.payrail.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.ColumnSizes;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import org.junit.jupiter.api.Test;

/**
 * The contract's maximum lengths are the sizes of the columns that store the fields, read from the
 * migrated test database: a value the contract accepts always fits, and a migration that shrinks a
 * column fails here instead of in production.
 */
class ContractLengthsMatchLedgerColumnsTest extends PaymentIntegrationTest {

  @Test
  void everyContractLengthIsTheSizeOfItsLedgerColumn() {
    assertThat(size("payments", "order_id")).isEqualTo(ContractRules.ORDER_ID.maxLength());
    assertThat(size("payments", "customer_id")).isEqualTo(ContractRules.CUSTOMER_ID.maxLength());
    assertThat(size("payments", "merchant_id")).isEqualTo(ContractRules.MERCHANT_ID.maxLength());
    assertThat(size("payments", "payment_id")).isEqualTo(ContractRules.PAYMENT_ID.maxLength());
    assertThat(size("payments", "currency")).isEqualTo(ContractRules.CURRENCY.maxLength());
    assertThat(size("payments", "card_brand")).isEqualTo(ContractRules.BRAND.maxLength());
    assertThat(size("payments", "card_last4")).isEqualTo(ContractRules.LAST4.maxLength());
    assertThat(size("payments", "payment_token")).isEqualTo(ContractRules.TOKEN.maxLength());
    assertThat(size("payment_status_history", "order_id"))
        .isEqualTo(ContractRules.ORDER_ID.maxLength());
    assertThat(size("payment_status_history", "actor"))
        .isEqualTo(ContractRules.REVIEWER.maxLength())
        .isEqualTo(ContractRules.MAX_REVIEWER_LENGTH);
    assertThat(size("payment_status_history", "note"))
        .isEqualTo(ContractRules.REVIEW_NOTE.maxLength())
        .isEqualTo(ContractRules.MAX_REVIEW_NOTE_LENGTH);
    assertThat(size("payments", "coupon_code"))
        .isEqualTo(ContractRules.COUPON_CODE.maxLength())
        .isEqualTo(ContractRules.MAX_COUPON_CODE_LENGTH);
    assertThat(size("coupon_uses", "merchant_id")).isEqualTo(ContractRules.MERCHANT_ID.maxLength());
    assertThat(size("coupon_uses", "coupon_code")).isEqualTo(ContractRules.COUPON_CODE.maxLength());
    assertThat(size("coupon_redemptions", "order_id"))
        .isEqualTo(ContractRules.ORDER_ID.maxLength());
    assertThat(size("coupon_redemptions", "merchant_id"))
        .isEqualTo(ContractRules.MERCHANT_ID.maxLength());
    assertThat(size("coupon_redemptions", "customer_id"))
        .isEqualTo(ContractRules.CUSTOMER_ID.maxLength());
    assertThat(size("coupon_redemptions", "coupon_code"))
        .isEqualTo(ContractRules.COUPON_CODE.maxLength());
    assertThat(size("points_reservations", "order_id"))
        .isEqualTo(ContractRules.ORDER_ID.maxLength());
  }

  private static int size(String table, String column) {
    return ColumnSizes.of(TestInfrastructure.shared().database()).characters(table, column);
  }
}
