package io.payrail.launcher;

import io.payrail.launcher.pipeline.ServicePorts;
import picocli.CommandLine.Option;

/**
 * The local stack's and the services' ports, with the documented defaults; 0 lets the operating
 * system pick a free one. The broker's controller listens on the port after the broker's.
 */
public final class PortOptions {

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      converter = OptionValues.Port.class,
      description =
          "Kafka broker (its KRaft controller takes the next port) (default: ${DEFAULT-VALUE})")
  int kafka;

  @Option(
      names = "--registry-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      converter = OptionValues.Port.class,
      description = "schema registry (default: ${DEFAULT-VALUE})")
  int registry;

  @Option(
      names = "--database-port",
      paramLabel = "PORT",
      defaultValue = "3307",
      converter = OptionValues.Port.class,
      description = "embedded MariaDB (default: ${DEFAULT-VALUE})")
  int database;

  @Option(
      names = "--facade-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      converter = OptionValues.Port.class,
      description = "order API, order-ingest (default: ${DEFAULT-VALUE})")
  int facade;

  @Option(
      names = "--risk-port",
      paramLabel = "PORT",
      defaultValue = "8082",
      converter = OptionValues.Port.class,
      description = "risk-streams' actuator (default: ${DEFAULT-VALUE})")
  int risk;

  @Option(
      names = "--payment-port",
      paramLabel = "PORT",
      defaultValue = "8083",
      converter = OptionValues.Port.class,
      description = "payment-processor's actuator (default: ${DEFAULT-VALUE})")
  int payment;

  @Option(
      names = "--refund-port",
      paramLabel = "PORT",
      defaultValue = "8084",
      converter = OptionValues.Port.class,
      description = "refund-processor's actuator (default: ${DEFAULT-VALUE})")
  int refund;

  @Option(
      names = "--loyalty-port",
      paramLabel = "PORT",
      defaultValue = "8085",
      converter = OptionValues.Port.class,
      description = "loyalty-streams' actuator (default: ${DEFAULT-VALUE})")
  int loyalty;

  public int kafka() {
    return kafka;
  }

  public int registry() {
    return registry;
  }

  public int database() {
    return database;
  }

  public ServicePorts services() {
    return new ServicePorts(facade, risk, payment, refund, loyalty);
  }
}
