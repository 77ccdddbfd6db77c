package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule the compose and Kubernetes checks apply to every environment variable. */
class ApplicationConfigurationTest {

  private static final String YAML =
      """
      spring:
        kafka:
          bootstrap-servers: ${PAYRAIL_KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
          properties:
            schema.registry.url: ${PAYRAIL_SCHEMA_REGISTRY_URL:http://127.0.0.1:8081}
          consumer:
            group-id: ${PAYRAIL_PAYMENT_GROUP_ID:payment-processor}
      payrail:
        risk:
          state-dir: /tmp/state
      """;

  private final ApplicationConfiguration configuration =
      ApplicationConfiguration.parse("example", YAML);

  @Test
  void placeholderVariablesAreRead() {
    assertThat(configuration.reads("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS")).isPresent();
    assertThat(configuration.reads("PAYRAIL_PAYMENT_GROUP_ID")).isPresent();
  }

  @Test
  void relaxedNamesOfDeclaredKeysAreReadButNotDashesAsUnderscores() {
    assertThat(configuration.reads("PAYRAIL_RISK_STATEDIR")).isPresent();
    assertThat(configuration.reads("SPRING_KAFKA_CONSUMER_GROUPID")).isPresent();
    assertThat(configuration.reads("PAYRAIL_RISK_STATE_DIR")).isEmpty();
  }

  @Test
  void entriesOfAKafkaPassThroughMapAreRead() {
    assertThat(configuration.reads("SPRING_KAFKA_PROPERTIES_GROUP_INSTANCE_ID")).isPresent();
    assertThat(configuration.reads("SPRING_KAFKA_PROPERTIES")).isEmpty();
    assertThat(configuration.reads("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS")).isEmpty();
  }

  @Test
  void undeclaredVariablesAreNotRead() {
    assertThat(configuration.reads("PAYRAIL_RISK_STATE_DIRECTORY")).isEmpty();
    assertThat(configuration.reads("PAYRAIL_DB_URL")).isEmpty();
  }

  @Test
  void aKeyResolvesToItsVariableElseItsDefault() {
    String key = "spring.kafka.consumer.group-id";
    assertThat(configuration.resolve(key, Map.of())).contains("payment-processor");
    assertThat(configuration.resolve(key, Map.of("PAYRAIL_PAYMENT_GROUP_ID", "other")))
        .contains("other");
    assertThat(configuration.resolve(key, Map.of("SPRING_KAFKA_CONSUMER_GROUPID", "direct")))
        .contains("direct");
    assertThat(configuration.resolve("spring.kafka.consumer.missing", Map.of())).isEmpty();
  }
}
