package io.payrail.loyalty.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * What the factory bean would start the client with, read without starting it: Spring Boot's
 * security and SSL settings reach the loyalty streams, and each instance is a static member named
 * after its application.server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.streams.auto-startup=false",
      "spring.kafka.security.protocol=SASL_SSL",
      "spring.kafka.ssl.key-store-type=PEM",
      "spring.kafka.ssl.key-store-key=placeholder-key",
      "spring.kafka.ssl.key-store-certificate-chain=placeholder-chain",
      "spring.kafka.properties.sasl.jaas.config=placeholder-jaas",
      "PAYRAIL_LOYALTY_APPLICATION_SERVER=loyalty-1.loyalty-streams-headless:8085"
    })
class LoyaltyStreamsConfigurationTest {

  @Autowired StreamsBuilderFactoryBean streams;

  @Test
  void loyaltyStreamsGetBootsSecuritySettingsAndAStaticMemberNamedByItsServer() {
    Properties config = streams.getStreamsConfiguration();

    assertThat(config)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.key", "placeholder-key")
        .containsEntry("ssl.keystore.certificate.chain", "placeholder-chain")
        .containsEntry("sasl.jaas.config", "placeholder-jaas")
        .containsEntry("application.id", "payrail-loyalty")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("commit.interval.ms", 250L)
        .containsEntry(
            "main.consumer.group.instance.id",
            "payrail-loyalty-loyalty-1.loyalty-streams-headless_8085");
  }
}
