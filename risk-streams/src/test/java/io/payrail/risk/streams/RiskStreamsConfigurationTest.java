package io.payrail.risk.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.streams.lifecycle.RegistryAwareDeserializationHandler;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The streams configuration the factory bean would start the client with, read without starting it:
 * Spring Boot's Kafka security and SSL settings reach it (no TLS broker needed to prove that), next
 * to risk's own settings.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.streams.auto-startup=false",
      "spring.kafka.bootstrap-servers=broker-1:9093",
      "spring.kafka.security.protocol=SSL",
      "spring.kafka.ssl.trust-store-type=PEM",
      "spring.kafka.ssl.trust-store-certificates=-----BEGIN CERTIFICATE-----placeholder",
      "spring.kafka.ssl.protocol=TLSv1.3",
      "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
      "PAYRAIL_RISK_APPLICATION_SERVER=risk-0.risk-streams-headless:8082",
      "PAYRAIL_RISK_STANDBY_REPLICAS=1"
    })
class RiskStreamsConfigurationTest {

  @Autowired StreamsBuilderFactoryBean streams;

  @Test
  void bootsKafkaSecurityAndSslSettingsReachTheStreamsClients() {
    Properties config = streams.getStreamsConfiguration();

    assertThat(config)
        .containsEntry("bootstrap.servers", List.of("broker-1:9093"))
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----placeholder")
        .containsEntry("ssl.protocol", "TLSv1.3")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void riskRunsExactlyOnceWithItsOwnSettingsAndAStaticMemberPerInstance() {
    Properties config = streams.getStreamsConfiguration();

    assertThat(config)
        .containsEntry("application.id", "payrail-risk")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("commit.interval.ms", 50L)
        .containsEntry("consumer.session.timeout.ms", 10_000)
        .containsEntry("producer.linger.ms", 5L)
        .containsEntry("num.standby.replicas", "1")
        .containsEntry(
            "main.consumer.group.instance.id", "payrail-risk-risk-0.risk-streams-headless_8082")
        .containsEntry(
            "deserialization.exception.handler", RegistryAwareDeserializationHandler.class);
  }
}
