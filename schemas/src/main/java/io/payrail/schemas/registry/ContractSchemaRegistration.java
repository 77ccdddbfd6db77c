package io.payrail.schemas.registry;

import io.payrail.schemas.compatibility.CompatibilityLevel;
import io.payrail.schemas.compatibility.SchemaEvolutionGuard;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers the contract in a schema registry before anything is produced: every topic's {@code
 * <topic>-value} subject (and its dead-letter topic's {@code <topic>.DLT-value}) gets the
 * contract's level, BACKWARD_TRANSITIVE, and then the current schema. Producers and consumers that
 * never ran Payrail's code can look the schemas up at once, and services can run with {@code
 * auto.register.schemas=false} and {@code use.latest.version=true}.
 *
 * <p>Idempotent: a subject that already has the schema answers with its id. An incompatible change
 * is refused by the registry (HTTP 409), and the registration fails with the subject and the
 * registry's message. A registry that gives no answer (unreachable, timed out, 5xx: one that is
 * still starting, or slow to write its log topic) is asked again with back-off for up to {@link
 * #PATIENCE} before the registration fails. Run by {@code LocalStack} at start-up and, as {@link
 * #main}, by the compose init service and the Kubernetes Job ({@code docs/operations.md}).
 */
public final class ContractSchemaRegistration {

  /** Where the registry is, as the services read it. */
  public static final String REGISTRY_URL_VARIABLE = "PAYRAIL_SCHEMA_REGISTRY_URL";

  /** {@code user:password} for a registry behind HTTP basic authentication (optional). */
  public static final String REGISTRY_USER_INFO_VARIABLE = "PAYRAIL_SCHEMA_REGISTRY_USER_INFO";

  private static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8081";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How long an unavailable registry is waited for, per subject. */
  public static final Duration PATIENCE = Duration.ofMinutes(2);

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** One subject of the contract and the schema it must hold. */
  public record ContractSubject(String subject, Schema schema) {}

  /** What the registry holds for a subject after the registration. */
  public record Registered(String subject, int id, CompatibilityLevel level) {}

  /** A subject refused the contract's schema or level. */
  public static final class RegistrationFailedException extends RuntimeException {

    private final String subject;

    RegistrationFailedException(String subject, SchemaRegistryException cause) {
      super(
          "cannot register the contract's schema under " + subject + ": " + cause.getMessage(),
          cause);
      this.subject = subject;
    }

    public String subject() {
      return subject;
    }

    /** The registry's answer: HTTP status and Confluent's error code. */
    @Override
    public SchemaRegistryException getCause() {
      return (SchemaRegistryException) super.getCause();
    }
  }

  private ContractSchemaRegistration() {}

  /** Every subject of the contract, in the order data flows: each topic, then its DLT. */
  public static List<ContractSubject> subjects() {
    List<ContractSubject> subjects = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      subjects.add(new ContractSubject(topic.valueSubject(), topic.valueSchema()));
      subjects.add(new ContractSubject(topic.deadLetterValueSubject(), topic.valueSchema()));
    }
    return List.copyOf(subjects);
  }

  /**
   * Sets each subject's level, then registers its schema, waiting out an unavailable registry for
   * up to {@link #PATIENCE} per subject.
   *
   * @throws RegistrationFailedException on the first subject the registry refuses, or that it left
   *     unanswered for longer
   */
  public static List<Registered> registerAll(RestSchemaRegistryClient registry) {
    return registerAll(registry, PATIENCE);
  }

  /**
   * {@link #registerAll(RestSchemaRegistryClient)} with another patience.
   *
   * @param patience how long an unavailable registry is asked again, per subject
   */
  public static List<Registered> registerAll(RestSchemaRegistryClient registry, Duration patience) {
    List<Registered> registered = new ArrayList<>();
    for (ContractSubject contract : subjects()) {
      long deadline = System.nanoTime() + patience.toNanos();
      Duration backoff = FIRST_BACKOFF;
      while (true) {
        try {
          CompatibilityLevel level =
              registry.setCompatibility(contract.subject(), SchemaEvolutionGuard.CONTRACT_LEVEL);
          int id = registry.register(contract.subject(), contract.schema());
          registered.add(new Registered(contract.subject(), id, level));
          break;
        } catch (SchemaRegistryException e) {
          if (!e.isUnavailable() || System.nanoTime() + backoff.toNanos() - deadline > 0) {
            throw new RegistrationFailedException(contract.subject(), e);
          }
          pause(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    }
    return List.copyOf(registered);
  }

  private static void pause(Duration backoff) {
    // A one-shot start-up step on its own thread with nothing else to do while it waits: a plain
    // sleep is the back-off (the services' clients back off inside Kafka and Spring instead).
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while waiting for the schema registry", e);
    }
  }

  /** A client for the registry at {@code url} (user info in the URL is basic authentication). */
  public static RestSchemaRegistryClient client(String url, String basicAuthUserInfo) {
    Map<String, Object> configs = new HashMap<>();
    configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
    if (basicAuthUserInfo != null && !basicAuthUserInfo.isBlank()) {
      configs.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
      configs.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, basicAuthUserInfo);
    }
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    return new RestSchemaRegistryClient(
        config.registryUrls(), config.basicAuthUserInfo(), REQUEST_TIMEOUT);
  }

  /**
   * Registers the contract in the registry named by {@code PAYRAIL_SCHEMA_REGISTRY_URL} (or the
   * first argument) and exits 0, or prints the refusing subject and the registry's error and exits
   * 1. Runs from any service image: {@code java -cp app.jar
   * -Dloader.main=io.payrail.schemas.registry.ContractSchemaRegistration
   * org.springframework.boot.loader.launch.PropertiesLauncher}.
   */
  public static void main(String[] args) {
    String url =
        args.length > 0
            ? args[0]
            : System.getenv().getOrDefault(REGISTRY_URL_VARIABLE, DEFAULT_REGISTRY_URL);
    try {
      List<Registered> registered =
          registerAll(client(url, System.getenv(REGISTRY_USER_INFO_VARIABLE)));
      for (Registered subject : registered) {
        System.out.printf(
            "%s: schema id %d, %s%n", subject.subject(), subject.id(), subject.level());
      }
      System.out.printf("%d contract subjects registered%n", registered.size());
    } catch (RegistrationFailedException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    } catch (SchemaRegistryException e) {
      // The URL is not repeated: it may carry basic-auth credentials.
      System.err.println("schema registration failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
