package io.payrail.loyalty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Kafka Streams application keeping loyalty points and tiers per customer. */
@SpringBootApplication
public class LoyaltyStreamsApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoyaltyStreamsApplication.class, args);
  }
}
