package io.payrail.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The topic registry is the contract docs/contract.md describes. */
class TopicsTest {

  @Test
  void pipelineTopicsAreKeyedByOrderIdAndCoPartitioned() {
    assertThat(Topics.ALL)
        .filteredOn(topic -> topic != Topics.LOYALTY_BALANCES && topic != Topics.CUSTOMERS)
        .allSatisfy(
            topic -> {
              assertThat(topic.keyDescription()).isEqualTo("orderId");
              assertThat(topic.defaultPartitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
              assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
            });
  }

  @Test
  void loyaltyBalancesAreCompactedByCustomer() {
    assertThat(Topics.LOYALTY_BALANCES.keyDescription()).isEqualTo("customerId");
    assertThat(Topics.LOYALTY_BALANCES.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.LOYALTY_BALANCES.configs()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void customersAreCompactedByMerchantAndCustomerOnThePipelinesPartitionCount() {
    assertThat(Topics.CUSTOMERS.keyDescription()).isEqualTo("merchantId/customerId");
    assertThat(Topics.CUSTOMERS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.CUSTOMERS.defaultPartitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
  }

  @Test
  void customerKeysSplitAtTheOneSlashEitherWay() {
    CustomerKey key = new CustomerKey("merchant-1", "c:42.x");
    assertThat(key.format()).isEqualTo("merchant-1/c:42.x");
    assertThat(CustomerKey.parse(key.format())).isEqualTo(key);
    assertThatThrownBy(() -> CustomerKey.parse("no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CustomerKey.parse("m/c/d"))
        .isInstanceOf(IllegalArgumentException.class);
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
