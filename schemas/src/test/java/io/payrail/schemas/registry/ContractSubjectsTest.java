package io.payrail.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.registry.ContractSchemaRegistration.ContractSubject;
import io.payrail.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

/** What the start-up registration puts in the registry: every topic's and every DLT's subject. */
class ContractSubjectsTest {

  @Test
  void everyTopicAndItsDeadLetterTopicHaveAValueSubjectWithTheTopicsSchema() {
    assertThat(ContractSchemaRegistration.subjects()).hasSize(Topics.ALL.size() * 2);
    assertThat(ContractSchemaRegistration.subjects())
        .extracting(ContractSubject::subject)
        .startsWith("orders-value", "orders.DLT-value", "order-risk-value")
        .contains("loyalty-balances-value", "loyalty-balances.DLT-value")
        .doesNotHaveDuplicates();
    assertThat(ContractSchemaRegistration.subjects().get(1).schema())
        .isEqualTo(OrderPlaced.getClassSchema());
  }
}
