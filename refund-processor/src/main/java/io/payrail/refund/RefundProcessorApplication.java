package io.payrail.refund;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Transactional consumer deciding refunds against the ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RefundProcessorApplication {

  public static void main(String[] args) {
    SpringApplication.run(RefundProcessorApplication.class, args);
  }
}
