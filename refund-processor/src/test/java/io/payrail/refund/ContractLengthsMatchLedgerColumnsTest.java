package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.ColumnSizes;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import org.junit.jupiter.api.Test;

/**
 * The contract's maximum lengths are the sizes of the columns that store the fields, read from the
 * migrated test database: a value the contract accepts always fits, and a migration that shrinks a
 * column fails here instead of in production.
 */
class ContractLengthsMatchLedgerColumnsTest extends RefundIntegrationTest {

  @Test
  void everyContractLengthIsTheSizeOfItsLedgerColumn() {
    assertThat(size("refunds", "refund_id")).isEqualTo(ContractRules.REFUND_ID.maxLength());
    assertThat(size("refunds", "order_id")).isEqualTo(ContractRules.ORDER_ID.maxLength());
    assertThat(size("refunds", "payment_id")).isEqualTo(ContractRules.PAYMENT_ID.maxLength());
    assertThat(size("refunds", "merchant_id")).isEqualTo(ContractRules.MERCHANT_ID.maxLength());
    assertThat(size("refunds", "customer_id")).isEqualTo(ContractRules.CUSTOMER_ID.maxLength());
    assertThat(size("refunds", "currency")).isEqualTo(ContractRules.CURRENCY.maxLength());
    assertThat(size("refunds", "reason")).isEqualTo(ContractRules.REASON.maxLength());
    assertThat(size("refund_events", "refund_id")).isEqualTo(ContractRules.REFUND_ID.maxLength());
    assertThat(size("refund_events", "order_id")).isEqualTo(ContractRules.ORDER_ID.maxLength());
    assertThat(size("refund_events", "merchant_id"))
        .isEqualTo(ContractRules.MERCHANT_ID.maxLength());
  }

  private static int size(String table, String column) {
    return ColumnSizes.of(TestInfrastructure.shared().database()).characters(table, column);
  }
}
