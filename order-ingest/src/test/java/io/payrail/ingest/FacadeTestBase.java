package io.payrail.ingest;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One facade on a random port against the shared broker and registry. Every subclass shares the
 * same cached Spring context (same configuration), so the status view starts once per JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class FacadeTestBase {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    IngestTestSupport.properties("payrail-order-status-it")
        .forEach((key, value) -> registry.add(key, () -> value));
  }

  @LocalServerPort protected int port;

  @Autowired protected StreamsBuilderFactoryBean statusView;

  @BeforeEach
  void statusViewRunning() {
    IngestTestSupport.awaitRunning(statusView);
  }
}
