package io.payrail.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.schemas.keys.ApiKeys;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.keys.CustomerKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The topic registry is the contract docs/contract.md describes. */
class TopicsTest {

  @Test
  void pipelineTopicsAreKeyedByMerchantAndOrderAndCoPartitioned() {
    assertThat(Topics.ALL)
        .filteredOn(topic -> topic.keyDescription().equals("merchantId/orderId"))
        .containsExactly(
            Topics.ORDERS,
            Topics.ORDER_RISK,
            Topics.REVIEW_DECISIONS,
            Topics.POINTS_RESERVATIONS,
            Topics.PAYMENTS,
            Topics.REFUND_REQUESTS,
            Topics.REFUNDS)
        .allSatisfy(
            topic -> {
              assertThat(topic.defaultPartitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
              assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
            });
  }

  @Test
  void loyaltyBalancesAreCompactedByMerchantAndCustomer() {
    assertThat(Topics.LOYALTY_BALANCES.keyDescription()).isEqualTo("merchantId/customerId");
    assertThat(Topics.LOYALTY_BALANCES.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.LOYALTY_BALANCES.configs()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void everyTopicOutsideTheOrderFlowIsACompactedTableOfTheSamePartitionCount() {
    assertThat(Topics.ALL)
        .filteredOn(topic -> !topic.keyDescription().equals("merchantId/orderId"))
        .containsExactly(
            Topics.LOYALTY_BALANCES,
            Topics.CUSTOMER_VERIFICATIONS,
            Topics.CUSTOMERS,
            Topics.COUPONS,
            Topics.MERCHANT_KEYS)
        .allSatisfy(
            topic -> {
              assertThat(topic.defaultPartitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
              assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
            });
  }

  @Test
  void customerVerificationsAreKeyedByMerchantAndCustomer() {
    assertThat(Topics.CUSTOMER_VERIFICATIONS.keyDescription()).isEqualTo("merchantId/customerId");
    assertThat(Topics.CUSTOMER_VERIFICATIONS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(CustomerKey.of("m-1", "c-1")).isEqualTo("m-1/c-1");
  }

  @Test
  void customersAreCompactedByMerchantAndCustomer() {
    assertThat(Topics.CUSTOMERS.keyDescription()).isEqualTo("merchantId/customerId");
    assertThat(Topics.CUSTOMERS.configs()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void couponsAreCompactedByMerchantAndCode() {
    assertThat(Topics.COUPONS.keyDescription()).isEqualTo("merchantId/code");
    assertThat(Topics.COUPONS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(CouponKey.of("m-1", "SUMMER-10")).isEqualTo("m-1/SUMMER-10");
  }

  @Test
  void merchantKeysAreCompactedByKeyIdWhichAKeyNeverLooksLike() {
    assertThat(Topics.MERCHANT_KEYS.keyDescription()).isEqualTo("keyId");
    assertThat(Topics.MERCHANT_KEYS.configs()).containsEntry("cleanup.policy", "compact");
    String key = ApiKeys.newKey(new SecureRandom());
    assertThat(ApiKeys.isId(key)).isFalse();
    assertThat(ApiKeys.isId(ApiKeys.idOf(key))).isTrue();
    assertThat(ApiKeys.idOf(key)).matches("key_[0-9a-f]{16}").isEqualTo(ApiKeys.idOf(key));
  }

  @Test
  void namesAreUniqueAndDeadLettersFollowSpringsConvention() {
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
    assertThat(Topics.ORDERS.deadLetterTopic()).isEqualTo("orders.DLT");
    assertThat(Topics.ORDERS.valueSubject()).isEqualTo("orders-value");
    assertThat(Topics.byName("payments.DLT")).contains(Topics.PAYMENTS);
    assertThat(Topics.byName("unknown")).isEmpty();
  }
}
