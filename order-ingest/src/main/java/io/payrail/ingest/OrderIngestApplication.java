package io.payrail.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** HTTP facade of the pipeline: orders and refunds in, order status out. */
@SpringBootApplication
public class OrderIngestApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderIngestApplication.class, args);
  }
}
