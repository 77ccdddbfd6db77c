package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.refund.support.RefundIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class RefundProcessorApplicationTest extends RefundIntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void contextStartsAgainstTheSharedInfrastructure() {
    assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(TestInfrastructure.shared().bootstrapServers());
  }

  @Test
  void migrationsCreateTheRefundTablesInTheirOwnHistory() {
    assertThat(
            database()
                .queryForList(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE()",
                    String.class))
        .map(String::toLowerCase)
        .contains(
            "refunds", "refund_events", "simulated_acquirer_refunds", "flyway_history_refunds");
  }
}
