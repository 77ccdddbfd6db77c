package io.payrail.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.payment.support.PaymentIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class PaymentProcessorApplicationTest extends PaymentIntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void contextStartsAgainstTheSharedInfrastructure() {
    assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(TestInfrastructure.shared().bootstrapServers());
  }

  @Test
  void migrationsCreateTheLedgerTablesInTheirOwnHistory() {
    assertThat(
            database()
                .queryForList(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE()",
                    String.class))
        .map(String::toLowerCase)
        .contains(
            "payments",
            "payment_status_history",
            "simulated_acquirer_charges",
            "flyway_history_payments");
  }
}
