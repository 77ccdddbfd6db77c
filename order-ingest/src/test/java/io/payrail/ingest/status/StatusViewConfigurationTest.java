package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ingest.IngestTestSupport;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * What the factory bean would start the status view with, read without starting it: Spring Boot's
 * security and SSL settings reach it, and it reads committed data only. The facade's own admin and
 * producer are told to use plaintext here, since they are created with the context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.streams.auto-startup=false",
      "spring.kafka.bootstrap-servers=127.0.0.1:1",
      "spring.kafka.security.protocol=SSL",
      "spring.kafka.admin.security.protocol=PLAINTEXT",
      "spring.kafka.producer.security.protocol=PLAINTEXT",
      "spring.kafka.ssl.trust-store-type=PEM",
      "spring.kafka.ssl.trust-store-certificates=placeholder-certificates",
      "spring.kafka.ssl.protocol=TLSv1.3",
      "PAYRAIL_INGEST_ADVERTISED_SERVER=order-ingest-0.order-ingest-headless:8080",
      "payrail.ingest.internal.secret=" + IngestTestSupport.INTERNAL_SECRET
    })
class StatusViewConfigurationTest {

  @Autowired StreamsBuilderFactoryBean streams;

  @Test
  void statusViewGetsBootsSecurityAndSslSettings() {
    Properties config = streams.getStreamsConfiguration();

    assertThat(config)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.certificates", "placeholder-certificates")
        .containsEntry("ssl.protocol", "TLSv1.3");
  }

  @Test
  void statusViewReadsCommittedDataOnlyAsAStaticMember() {
    Properties config = streams.getStreamsConfiguration();

    assertThat(config)
        .containsEntry("application.id", "payrail-order-status")
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("consumer.isolation.level", "read_committed")
        .containsEntry(
            "main.consumer.group.instance.id",
            "payrail-order-status-order-ingest-0.order-ingest-headless_8080");
  }
}
