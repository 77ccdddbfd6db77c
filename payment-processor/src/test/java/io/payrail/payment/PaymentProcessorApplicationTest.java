package io.payrail.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaymentProcessorApplicationTest {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infra = TestInfrastructure.shared();
    infra.kafkaSpringProperties().forEach((key, value) -> registry.add(key, () -> value));
    infra.databaseSpringProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @Autowired ApplicationContext context;

  @Test
  void contextStartsAgainstTheSharedInfrastructure() {
    assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(TestInfrastructure.shared().bootstrapServers());
  }
}
