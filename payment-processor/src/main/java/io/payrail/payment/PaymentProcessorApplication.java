package io.payrail.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Transactional consumer charging approved orders and keeping the payments ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentProcessorApplication {

  public static void main(String[] args) {
    SpringApplication.run(PaymentProcessorApplication.class, args);
  }
}
