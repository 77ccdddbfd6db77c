package io.payrail.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.testing.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// Closed after the class, while the shared broker is still up: a cached context would close its
// streams at JVM exit, racing the broker's own shutdown.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LoyaltyStreamsApplicationTest {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infra = TestInfrastructure.shared();
    infra.kafkaSpringProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "spring.kafka.streams.application-id",
        () -> "payrail-loyalty-context-" + UUID.randomUUID());
    registry.add(
        "spring.kafka.streams.state-dir",
        () -> TestInfrastructure.newTempDirectory("loyalty-context-").toString());
  }

  @Autowired ApplicationContext context;

  @Test
  void contextStartsAgainstTheSharedInfrastructure() {
    assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
        .isEqualTo(TestInfrastructure.shared().bootstrapServers());
    assertThat(context.getBean(StreamsBuilderFactoryBean.class).isRunning()).isTrue();
  }
}
