package io.payrail.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Kafka Streams application scoring every order's risk. */
@SpringBootApplication
public class RiskStreamsApplication {

  public static void main(String[] args) {
    SpringApplication.run(RiskStreamsApplication.class, args);
  }
}
