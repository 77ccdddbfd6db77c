package io.payrail.deploy;

import io.payrail.schemas.registry.ContractSchemaRegistration;
import java.util.List;

/**
 * How the deployments run the contract's schema registration (docs/operations.md, "Schemas first"),
 * and what the services are told about registering schemas themselves.
 */
final class SchemaRegistrationCommand {

  /** The registration main, started by Spring Boot's launcher from a service's jar. */
  static final String LOADER_MAIN = "-Dloader.main=" + ContractSchemaRegistration.class.getName();

  static final String PROPERTIES_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";

  static final String AUTO_REGISTER_VARIABLE = "SPRING_KAFKA_PROPERTIES_AUTO_REGISTER_SCHEMAS";
  static final String USE_LATEST_VARIABLE = "SPRING_KAFKA_PROPERTIES_USE_LATEST_VERSION";

  /**
   * Services that still register schemas: risk-streams serializes its repartition topic with the
   * orders serde, under a subject of its own ({@code payrail-risk-...-repartition-value}) that the
   * contract does not hold.
   */
  static final List<String> AUTO_REGISTERING = List.of("risk-streams");

  private SchemaRegistrationCommand() {}
}
