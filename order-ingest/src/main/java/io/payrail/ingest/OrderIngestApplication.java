package io.payrail.ingest;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** HTTP facade of the pipeline: orders and refunds in, order status out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderIngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderIngestApplication.class, args);
  }

  /** The time stamped on placedAt and requestedAt: the facade's clock, not the client's. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
