package io.payrail.localstack.registry;

import static io.payrail.localstack.registry.RegistryHttp.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import io.payrail.schemas.registry.ContractSchemaRegistration;
import io.payrail.schemas.registry.ContractSchemaRegistration.ContractSubject;
import io.payrail.schemas.registry.ContractSchemaRegistration.Registered;
import io.payrail.schemas.registry.ContractSchemaRegistration.RegistrationFailedException;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** Schemas first: the contract is in the registry before any service writes, and stays there. */
class ContractSchemaRegistrationTest {

  private final TestInfrastructure infra = TestInfrastructure.shared();
  private final RegistryHttp registry = new RegistryHttp(infra.schemaRegistryUrl());

  @Test
  void everyContractSubjectIsRegisteredBackwardTransitiveBeforeAnyWrite() {
    for (Topic<?, ?> topic : Topics.ALL) {
      for (String subject : List.of(topic.valueSubject(), topic.deadLetterValueSubject())) {
        JsonNode latest = registry.get("/subjects/" + subject + "/versions/latest").ok();
        assertThat(new Schema.Parser().parse(latest.path("schema").asText()))
            .as(subject)
            .isEqualTo(topic.valueSchema());
        assertThat(registry.get("/config/" + subject).ok().path("compatibilityLevel").asText())
            .as(subject)
            .isEqualTo("BACKWARD_TRANSITIVE");
      }
    }
    assertThat(registry.get("/subjects").ok().toString())
        .contains(
            "\"orders-value\"",
            "\"order-risk-value\"",
            "\"payments-value\"",
            "\"refund-requests-value\"",
            "\"refunds-value\"",
            "\"loyalty-balances-value\"");
  }

  @Test
  void registeringAgainChangesNothing() {
    JsonNode versionsBefore = registry.get("/subjects/orders-value/versions").ok();

    List<Registered> first = infra.registry().registerContract();
    List<Registered> again = infra.registry().registerContract();

    assertThat(again).isEqualTo(first);
    assertThat(first)
        .extracting(Registered::subject)
        .containsExactlyElementsOf(
            ContractSchemaRegistration.subjects().stream().map(ContractSubject::subject).toList());
    assertThat(first)
        .extracting(Registered::level)
        .containsOnly(CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(registry.get("/subjects/orders-value/versions").ok())
        .as("no new version for the same schema")
        .isEqualTo(versionsBefore);
  }

  @Test
  void incompatibleOrdersValueIsRefusedWithConfluentsErrorCode() {
    Schema withoutDefault =
        SchemaBuilder.record("OrderPlaced")
            .namespace("io.payrail.events")
            .fields()
            .requiredString("orderId")
            .requiredLong("amountMinor")
            .requiredString("mandatoryNewField")
            .endRecord();

    JsonNode error =
        registry
            .post("/subjects/orders-value/versions", schema(withoutDefault.toString()))
            .error(409, 409);

    assertThat(error.path("message").asText())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject"
                + " \"orders-value\"");
    assertThat(registry.get("/subjects/orders-value/versions/latest").ok().path("schema").asText())
        .doesNotContain("mandatoryNewField");
  }

  @Test
  void aRegistryThatIsNotUpYetIsWaitedFor() throws Exception {
    int port = FreePort.orEphemeral(0);
    String topic = "_schemas-late-" + UUID.randomUUID();
    CompletableFuture<List<Registered>> registering =
        CompletableFuture.supplyAsync(
            () ->
                ContractSchemaRegistration.registerAll(
                    ContractSchemaRegistration.client("http://127.0.0.1:" + port, null),
                    Duration.ofSeconds(60)));

    try (LocalSchemaRegistry late =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(), topic, port, CompatibilityLevel.BACKWARD_TRANSITIVE)) {
      assertThat(registering.get(60, TimeUnit.SECONDS))
          .hasSameSizeAs(ContractSchemaRegistration.subjects());
    }
  }

  @Test
  void aRegistryThatNeverAnswersFailsTheRegistrationOnceThePatienceIsOver() {
    int port = FreePort.orEphemeral(0);

    assertThatThrownBy(
            () ->
                ContractSchemaRegistration.registerAll(
                    ContractSchemaRegistration.client("http://127.0.0.1:" + port, null),
                    Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            RegistrationFailedException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(Topics.ALL.get(0).valueSubject());
              assertThat(e.getCause().isUnavailable()).isTrue();
            });
  }

  @Test
  void incompatibleChangeFailsTheRegistrationNamingTheSubjectAndTheRegistrysError() {
    try (LocalSchemaRegistry own =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(),
            "_schemas-contract-" + UUID.randomUUID(),
            0,
            CompatibilityLevel.BACKWARD_TRANSITIVE)) {
      RegistryHttp http = new RegistryHttp(own.url());
      String published =
          SchemaBuilder.record("OrderPlaced")
              .namespace("io.payrail.events")
              .fields()
              .requiredString("orderId")
              .requiredString("fieldTheContractDropped")
              .endRecord()
              .toString();
      http.register(Topics.ORDERS.valueSubject(), published);

      assertThatThrownBy(own::registerContract)
          .isInstanceOfSatisfying(
              RegistrationFailedException.class,
              e -> {
                assertThat(e.subject()).isEqualTo("orders-value");
                assertThat(e.getCause().httpStatus()).isEqualTo(409);
                assertThat(e.getCause().errorCode()).isEqualTo(409);
                assertThat(e.getMessage())
                    .contains("orders-value")
                    .contains("Schema being registered is incompatible");
              });
    }
  }
}
