package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml: valid, pinned, health-checked, configured only with what the code reads. */
class ComposeFileTest {

  private static final String COMPOSE_FILE = "docker-compose.yml";
  private static final String SCHEMA_REGISTRATION = "schema-registration";

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() {
    // SafeConstructor applies YAML merge keys (<<: *service), as compose does.
    Map<String, Object> compose =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Repository.read(COMPOSE_FILE));
    services = new TreeMap<>((Map<String, Map<String, Object>>) compose.get("services"));
  }

  @Test
  void dockerComposeAcceptsTheFile() {
    assumeTrue(
        Repository.onPath("docker-compose"),
        "docker-compose is not installed (Debian package docker-compose): `docker-compose config"
            + " -q` was not run; the invariant tests of this class still ran");
    ProcessRun run =
        ProcessRun.run(
            Repository.ROOT,
            Duration.ofSeconds(60),
            List.of("docker-compose", "-f", COMPOSE_FILE, "config", "-q"));
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void everyServiceIsInTheFile() {
    assertThat(services).containsKeys(Repository.SERVICES.toArray(String[]::new));
    assertThat(services).containsKeys("kafka", "kafka-init", "schema-registry", "mysql");
  }

  @Test
  void everyLongRunningServiceHasAHealthCheck() {
    List<String> oneShots = oneShotServices();
    assertThat(oneShots)
        .as("the topic creation and schema registration jobs are the only one-shots")
        .containsExactlyInAnyOrder("kafka-init", SCHEMA_REGISTRATION);
    services.forEach(
        (name, service) -> {
          if (!oneShots.contains(name)) {
            assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
            assertThat(healthCheckCommand(service)).as(name).isNotBlank();
          }
        });
  }

  @Test
  void everyPayrailServiceChecksItsActuatorReadiness() {
    for (String service : Repository.SERVICES) {
      assertThat(healthCheckCommand(services.get(service)))
          .as(service)
          .contains("/actuator/health/readiness");
    }
  }

  @Test
  void facadeIsHealthCheckedOnItsManagementPortWhichIsNotPublished() {
    Map<String, Object> facade = services.get("order-ingest");
    String management = environment(facade).get("PAYRAIL_ORDER_INGEST_MANAGEMENT_PORT");
    assertThat(management)
        .isNotNull()
        .isNotEqualTo(environment(facade).get("PAYRAIL_ORDER_INGEST_PORT"));
    assertThat(healthCheckCommand(facade))
        .contains("localhost:" + management + "/actuator/health/readiness");
    assertThat((List<?>) facade.get("ports"))
        .allSatisfy(published -> assertThat(published.toString()).doesNotContain(management));
  }

  /** Its port serves actuator only; merchants read balances on the facade, with a key. */
  @Test
  void loyaltyStreamsIsHealthCheckedOnItsPortWhichIsNotPublished() {
    Map<String, Object> loyalty = services.get("loyalty-streams");
    String port = environment(loyalty).get("PAYRAIL_LOYALTY_STREAMS_PORT");
    assertThat(port).isNotNull();
    assertThat(healthCheckCommand(loyalty))
        .contains("localhost:" + port + "/actuator/health/readiness");
    assertThat(loyalty).doesNotContainKey("ports");
  }

  @Test
  void noImageIsUntaggedOrLatest() {
    services.forEach(
        (name, service) -> {
          assertThat(service).as(name + " image").containsKey("image");
          assertThat(new ImageReference(service.get("image").toString()).isPinned())
              .as(name + ": " + service.get("image"))
              .isTrue();
        });
    assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:4.1.1");
    assertThat(services.get("mysql").get("image")).isEqualTo("mysql:8.4");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachServiceImageIsBuiltFromTheSharedDockerfileWithItsModule() {
    for (String service : Repository.SERVICES) {
      Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
      assertThat(build).as(service).containsEntry("context", ".");
      assertThat((Map<String, Object>) build.get("args")).containsEntry("SERVICE", service);
    }
  }

  /** Compose is a demo: its processors carry the simulated acquirer, in an image named so. */
  @Test
  @SuppressWarnings("unchecked")
  void processorsAreDemoImagesWithTheSimulatedAcquirer() {
    for (String service : Repository.SERVICES) {
      Map<String, Object> args =
          (Map<String, Object>)
              ((Map<String, Object>) services.get(service).get("build")).get("args");
      boolean processor = Repository.PROCESSORS.contains(service);
      assertThat(args.get("ACQUIRER")).as(service).isEqualTo(processor ? "simulated" : null);
      assertThat(services.get(service).get("image").toString().endsWith("-simulated-acquirer"))
          .as(service)
          .isEqualTo(processor);
    }
  }

  @Test
  void servicesAreConfiguredOnlyThroughVariablesTheirApplicationReads() {
    Map<String, List<String>> unread = new TreeMap<>();
    for (String service : Repository.SERVICES) {
      ApplicationConfiguration configuration = ApplicationConfiguration.of(service);
      List<String> names = new ArrayList<>(environment(services.get(service)).keySet());
      assertThat(names).as(service).contains("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS");
      for (String name : names) {
        if (!name.equals(ApplicationConfiguration.JVM_OPTIONS)
            && configuration.reads(name).isEmpty()) {
          unread.computeIfAbsent(service, key -> new ArrayList<>()).add(name);
        }
      }
    }
    assertThat(unread)
        .as("variables given to a service whose application.yml does not read them")
        .isEmpty();
  }

  @Test
  void everyServiceReachesKafkaAndTheRegistryInsideTheComposeNetwork() {
    for (String service : Repository.SERVICES) {
      Map<String, String> environment = environment(services.get(service));
      assertThat(environment)
          .as(service)
          .containsEntry("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
          .containsEntry("PAYRAIL_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void contractSchemasAreRegisteredBeforeAnyServiceStarts() {
    Map<String, Object> registration = services.get(SCHEMA_REGISTRATION);
    assertThat(String.join(" ", (List<String>) registration.get("entrypoint")))
        .contains(SchemaRegistrationCommand.LOADER_MAIN)
        .endsWith(SchemaRegistrationCommand.PROPERTIES_LAUNCHER);
    assertThat(environment(registration))
        .containsEntry("PAYRAIL_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
    assertThat(Repository.SERVICES)
        .as("the registration runs from one of the service images")
        .anySatisfy(
            service ->
                assertThat(services.get(service).get("image"))
                    .isEqualTo(registration.get("image")));
    assertThat((Map<String, Object>) registration.get("depends_on")).containsKey("schema-registry");
    for (String service : Repository.SERVICES) {
      Map<String, Object> condition =
          (Map<String, Object>)
              ((Map<String, Object>) services.get(service).get("depends_on"))
                  .get(SCHEMA_REGISTRATION);
      assertThat(condition)
          .as(service)
          .containsEntry("condition", "service_completed_successfully");
    }
  }

  @Test
  void servicesWriteOnlyTheRegisteredContract() {
    for (String service : Repository.SERVICES) {
      Map<String, String> environment = environment(services.get(service));
      if (SchemaRegistrationCommand.AUTO_REGISTERING.contains(service)) {
        assertThat(environment)
            .as(service)
            .doesNotContainKey(SchemaRegistrationCommand.AUTO_REGISTER_VARIABLE);
      } else {
        assertThat(environment)
            .as(service)
            .containsEntry(SchemaRegistrationCommand.AUTO_REGISTER_VARIABLE, "false")
            .containsEntry(SchemaRegistrationCommand.USE_LATEST_VARIABLE, "true");
      }
    }
  }

  @Test
  void singleBrokerCanRunTransactions() {
    Map<String, String> kafka = environment(services.get("kafka"));
    assertThat(kafka)
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
  }

  @SuppressWarnings("unchecked")
  private static List<String> oneShotServices() {
    List<String> oneShots = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          Object dependsOn = service.get("depends_on");
          if (dependsOn instanceof Map<?, ?> dependencies) {
            dependencies.forEach(
                (dependency, condition) -> {
                  if (condition instanceof Map<?, ?> c
                      && "service_completed_successfully".equals(c.get("condition"))
                      && !oneShots.contains(dependency.toString())) {
                    oneShots.add(dependency.toString());
                  }
                });
          }
        });
    return oneShots;
  }

  @SuppressWarnings("unchecked")
  private static String healthCheckCommand(Map<String, Object> service) {
    Object test = ((Map<String, Object>) service.get("healthcheck")).get("test");
    return test instanceof List<?> parts ? String.join(" ", (List<String>) parts) : test.toString();
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> environment = new TreeMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((key, value) -> environment.put(key.toString(), String.valueOf(value)));
    } else if (declared instanceof List<?> list) {
      for (Object entry : list) {
        String[] pair = entry.toString().split("=", 2);
        environment.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    return environment;
  }
}
