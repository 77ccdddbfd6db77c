package io.payrail.localstack.registry;

import static io.payrail.localstack.registry.RegistryHttp.JSON;
import static io.payrail.localstack.registry.RegistryHttp.newSubject;
import static io.payrail.localstack.registry.RegistryHttp.schema;
import static io.payrail.localstack.registry.RegistryHttp.schemaWithReference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the local registry serves, over real HTTP, with Confluent Schema Registry 8.0's
 * statuses, error codes and bodies. {@code local-stack/README.md} lists what differs from
 * Confluent.
 */
class LocalSchemaRegistryConformanceTest {

  private static final String PAYMENT_V1 =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"long"}]}""";
  private static final String PAYMENT_V2 =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"long"},
        {"name":"currency","type":"string","default":"EUR"}]}""";

  /** Reads v2's data, not v1's: compatible with the latest version only. */
  private static final String PAYMENT_V3_NOT_TRANSITIVE =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"long"},
        {"name":"currency","type":"string"}]}""";

  private static final String PAYMENT_INCOMPATIBLE =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"string"}]}""";

  private static final String MONEY =
      """
      {"type":"record","name":"Money","namespace":"io.payrail.test","fields":[
        {"name":"amountMinor","type":"long"},{"name":"currency","type":"string"}]}""";
  private static final String PRICED_ITEM =
      """
      {"type":"record","name":"PricedItem","namespace":"io.payrail.test","fields":[
        {"name":"sku","type":"string"},{"name":"price","type":"io.payrail.test.Money"}]}""";

  private final RegistryHttp registry =
      new RegistryHttp(TestInfrastructure.shared().schemaRegistryUrl());

  @Test
  void rootContextsAndTypesAnswer() {
    assertThat(registry.get("/").ok().isObject()).isTrue();
    assertThat(registry.get("/schemas/types").ok().toString()).isEqualTo("[\"AVRO\"]");
    assertThat(registry.get("/contexts").ok().toString()).isEqualTo("[\".\"]");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    registry.get("/nowhere").error(404, 404);
    registry.get("/subjects/a/b/c/d/e/f").error(404, 404);
    registry.send("PATCH", "/subjects", null).error(405, 405);
    registry.delete("/config").error(405, 405);
    registry.send("POST", "/schemas/types", "{}").error(405, 405);
  }

  @Nested
  class Registration {

    @Test
    void sameSchemaTwiceGetsTheSameIdAndOtherSubjectsShareIt() {
      String subject = newSubject();
      int first = registry.register(subject, PAYMENT_V1);
      int again = registry.register(subject, PAYMENT_V1.replace("\n", "  \n"));
      int elsewhere = registry.register(newSubject(), PAYMENT_V1);

      assertThat(first).isPositive();
      assertThat(again).isEqualTo(first);
      assertThat(elsewhere).isEqualTo(first);
      assertThat(registry.get("/subjects/" + subject + "/versions").ok().toString())
          .isEqualTo("[1]");
    }

    @Test
    void incompatibleSchemaIsRefusedWith409AndConfluentsMessage() {
      String subject = newSubject();
      registry.register(subject, PAYMENT_V1);

      JsonNode error =
          registry
              .post("/subjects/" + subject + "/versions", schema(PAYMENT_INCOMPATIBLE))
              .error(409, 409);

      assertThat(error.path("message").asText())
          .startsWith("Schema being registered is incompatible with an earlier schema for subject")
          .contains(subject)
          .contains("amountMinor");
      assertThat(registry.get("/subjects/" + subject + "/versions").ok().toString())
          .isEqualTo("[1]");
    }

    @Test
    void badBodiesAreRefusedWithConfluentsCodes() {
      String subject = newSubject();
      String versions = "/subjects/" + subject + "/versions";
      registry.post(versions, schema("{\"type\":\"recordd\"}")).error(422, 42201);
      registry.post(versions, JSON.createObjectNode()).error(422, 42201);
      registry.post(versions, schema(PAYMENT_V1).put("schemaType", "PROTOBUF")).error(422, 42201);
      registry.send("POST", versions, "{not json").error(400, 400);
      ObjectNode withMetadata = schema(PAYMENT_V1);
      withMetadata.putObject("metadata").putObject("properties").put("owner", "payments");
      assertThat(registry.post(versions, withMetadata).ok().path("id").asInt())
          .as("data-contract metadata is accepted and not kept")
          .isPositive();
    }

    @Test
    void subjectsListFiltersByPrefixAndDeletion() {
      String prefix = "prefix-" + UUID.randomUUID();
      registry.register(prefix + "-a-value", PAYMENT_V1);
      registry.register(prefix + "-b-value", PAYMENT_V1);
      registry.delete("/subjects/" + prefix + "-b-value").ok();

      assertThat(registry.get("/subjects?subjectPrefix=" + prefix).ok().toString())
          .isEqualTo("[\"" + prefix + "-a-value\"]");
      assertThat(registry.get("/subjects?deleted=true&subjectPrefix=" + prefix).ok()).hasSize(2);
      assertThat(registry.get("/subjects?deletedOnly=true&subjectPrefix=" + prefix).ok().toString())
          .isEqualTo("[\"" + prefix + "-b-value\"]");
      assertThat(registry.get("/subjects").ok().toString())
          .contains("orders-value")
          .contains(prefix + "-a-value")
          .doesNotContain(prefix + "-b-value");
    }

    @Test
    void versionsReadByNumberLatestAndRawSchema() {
      String subject = newSubject();
      int v1 = registry.register(subject, PAYMENT_V1);
      int v2 = registry.register(subject, PAYMENT_V2);

      JsonNode latest = registry.get("/subjects/" + subject + "/versions/latest").ok();
      assertThat(latest.path("subject").asText()).isEqualTo(subject);
      assertThat(latest.path("version").asInt()).isEqualTo(2);
      assertThat(latest.path("id").asInt()).isEqualTo(v2);
      assertThat(latest.path("schema").asText()).contains("currency");
      assertThat(latest.has("schemaType")).as("Confluent omits AVRO").isFalse();
      assertThat(registry.get("/subjects/" + subject + "/versions/-1").ok()).isEqualTo(latest);
      assertThat(registry.get("/subjects/" + subject + "/versions/1").ok().path("id").asInt())
          .isEqualTo(v1);
      JsonNode raw = registry.get("/subjects/" + subject + "/versions/1/schema").ok();
      assertThat(raw.path("fields")).hasSize(2);
      assertThat(registry.get("/subjects/" + subject + "/versions").ok().toString())
          .isEqualTo("[1,2]");
      assertThat(registry.get("/subjects/" + subject + "/versions?offset=1&limit=1").ok())
          .hasSize(1);

      registry.get("/subjects/" + subject + "/versions/7").error(404, 40402);
      registry.get("/subjects/" + subject + "/versions/first").error(422, 42202);
      registry.get("/subjects/" + subject + "/versions/0").error(422, 42202);
      registry.get("/subjects/" + newSubject() + "/versions").error(404, 40401);
      registry.get("/subjects/" + newSubject() + "/versions/latest").error(404, 40401);
    }

    @Test
    void lookupFindsRegisteredSchemasAndNamesWhatIsMissing() {
      String subject = newSubject();
      int id = registry.register(subject, PAYMENT_V1);

      JsonNode found = registry.post("/subjects/" + subject, schema(PAYMENT_V1)).ok();
      assertThat(found.path("id").asInt()).isEqualTo(id);
      assertThat(found.path("version").asInt()).isEqualTo(1);
      assertThat(found.path("subject").asText()).isEqualTo(subject);
      assertThat(found.path("schema").asText()).contains("amountMinor");
      assertThat(registry.post("/subjects/" + subject + "?normalize=true", schema(PAYMENT_V1)).ok())
          .isEqualTo(found);

      registry.post("/subjects/" + subject, schema(PAYMENT_V2)).error(404, 40403);
      registry.post("/subjects/" + newSubject(), schema(PAYMENT_V1)).error(404, 40401);

      registry.delete("/subjects/" + subject + "/versions/1").ok();
      registry.post("/subjects/" + subject, schema(PAYMENT_V1)).error(404, 40401);
      assertThat(
              registry
                  .post("/subjects/" + subject + "?deleted=true", schema(PAYMENT_V1))
                  .ok()
                  .path("id")
                  .asInt())
          .isEqualTo(id);
    }

    @Test
    void bodiesThatAreNotJsonAre415() {
      registry
          .send(
              "POST",
              "/subjects/" + newSubject() + "/versions",
              schema(PAYMENT_V1).toString(),
              "text/plain")
          .error(415, 415);
    }
  }

  @Nested
  class Deletion {

    @Test
    void oneVersionIsSoftDeletedThenPermanentlyDeleted() {
      String subject = newSubject();
      registry.register(subject, PAYMENT_V1);
      registry.register(subject, PAYMENT_V2);
      String versions = "/subjects/" + subject + "/versions";

      assertThat(registry.delete(versions + "/1").ok().asInt()).isEqualTo(1);
      assertThat(registry.get(versions).ok().toString()).isEqualTo("[2]");
      assertThat(registry.get(versions + "?deleted=true").ok().toString()).isEqualTo("[1,2]");
      assertThat(registry.get(versions + "?deletedOnly=true").ok().toString()).isEqualTo("[1]");
      registry.get(versions + "/1").error(404, 40402);
      JsonNode deleted = registry.get(versions + "/1?deleted=true").ok();
      assertThat(deleted.path("deleted").asBoolean()).isTrue();

      registry.delete(versions + "/1").error(404, 40406);
      registry.delete(versions + "/2?permanent=true").error(404, 40407);
      assertThat(registry.delete(versions + "/1?permanent=true").ok().asInt()).isEqualTo(1);
      registry.get(versions + "/1?deleted=true").error(404, 40402);
      registry.delete(versions + "/9").error(404, 40402);
      registry.delete(versions + "/x").error(422, 42202);
      registry.delete("/subjects/" + newSubject() + "/versions/1").error(404, 40401);
    }

    @Test
    void latestVersionCanBeDeleted() {
      String subject = newSubject();
      registry.register(subject, PAYMENT_V1);
      registry.register(subject, PAYMENT_V2);

      assertThat(registry.delete("/subjects/" + subject + "/versions/latest").ok().asInt())
          .isEqualTo(2);
      assertThat(registry.get("/subjects/" + subject + "/versions/latest").ok().path("version"))
          .hasToString("1");
    }

    @Test
    void subjectIsSoftDeletedThenPermanentlyDeletedAndItsIdsResolveUntilThen() {
      String subject = newSubject();
      int id = registry.register(subject, PAYMENT_V1);
      registry.register(subject, PAYMENT_V2);
      registry.setLevel(subject, "NONE");

      registry.delete("/subjects/" + subject + "?permanent=true").error(404, 40405);
      assertThat(registry.delete("/subjects/" + subject).ok().toString()).isEqualTo("[1,2]");
      registry.get("/subjects/" + subject + "/versions").error(404, 40401);
      registry.get("/config/" + subject).error(404, 40408);
      assertThat(registry.get("/schemas/ids/" + id).status()).isEqualTo(200);
      registry.delete("/subjects/" + subject).error(404, 40404);

      assertThat(registry.delete("/subjects/" + subject + "?permanent=true").ok().toString())
          .isEqualTo("[1,2]");
      registry.delete("/subjects/" + subject).error(404, 40401);
    }

    @Test
    void permanentlyDeletedSchemaIdIsGoneAndNeverReused() {
      String subject = newSubject();
      String schema =
          PAYMENT_V1.replace("Payment", "Gone" + ThreadLocalRandom.current().nextInt(1 << 30));
      int id = registry.register(subject, schema);
      registry.delete("/subjects/" + subject).ok();
      registry.delete("/subjects/" + subject + "?permanent=true").ok();

      registry.get("/schemas/ids/" + id).error(404, 40403);
      assertThat(registry.register(subject, schema)).isGreaterThan(id);
    }
  }

  @Nested
  class References {

    @Test
    void schemaReferencesAnotherSubjectsTypeAndIsListedAsItsReferrer() {
      String moneySubject = newSubject();
      String itemSubject = newSubject();
      registry.register(moneySubject, MONEY);

      int itemId =
          registry
              .post(
                  "/subjects/" + itemSubject + "/versions",
                  schemaWithReference(PRICED_ITEM, "io.payrail.test.Money", moneySubject, 1))
              .ok()
              .path("id")
              .asInt();

      JsonNode item = registry.get("/subjects/" + itemSubject + "/versions/1").ok();
      assertThat(item.path("references").get(0).path("subject").asText()).isEqualTo(moneySubject);
      assertThat(item.path("references").get(0).path("version").asInt()).isEqualTo(1);
      assertThat(item.path("schema").asText())
          .as("the referenced type stays a name")
          .contains("\"type\":\"Money\"")
          .doesNotContain("currency");
      assertThat(registry.get("/schemas/ids/" + itemId).ok().path("references")).hasSize(1);
      assertThat(registry.get("/subjects/" + moneySubject + "/versions/1/referencedby").ok())
          .containsExactly(JSON.getNodeFactory().numberNode(itemId));

      registry.delete("/subjects/" + moneySubject + "/versions/1").error(422, 42206);
      registry.delete("/subjects/" + moneySubject).error(422, 42206);
      assertThat(
              registry
                  .post(
                      "/subjects/" + itemSubject,
                      schemaWithReference(PRICED_ITEM, "io.payrail.test.Money", moneySubject, 1))
                  .ok()
                  .path("id")
                  .asInt())
          .isEqualTo(itemId);
    }

    @Test
    void unresolvableReferencesAreInvalidSchemas() {
      String moneySubject = newSubject();
      registry.register(moneySubject, MONEY);
      String versions = "/subjects/" + newSubject() + "/versions";

      registry.post(versions, schema(PRICED_ITEM)).error(422, 42201);
      registry
          .post(
              versions, schemaWithReference(PRICED_ITEM, "io.payrail.test.Money", moneySubject, 9))
          .error(422, 42201);
      registry.get("/subjects/" + newSubject() + "/versions/1/referencedby").error(404, 40401);
      assertThat(registry.get("/subjects/" + moneySubject + "/versions/1/referencedby").ok())
          .isEmpty();
    }
  }

  @Nested
  class SchemasById {

    @Test
    void idAnswersItsSchemaSubjectsAndVersions() {
      String schema =
          PAYMENT_V1.replace("Payment", "Shared" + ThreadLocalRandom.current().nextInt(1 << 30));
      String first = "a-" + newSubject();
      String second = "b-" + newSubject();
      int id = registry.register(first, schema);
      registry.register(second, PAYMENT_V1);
      registry.setLevel(second, "NONE");
      registry.register(second, schema);

      assertThat(registry.get("/schemas/ids/" + id).ok().path("schema").asText())
          .contains("Shared");
      assertThat(registry.get("/schemas/ids/" + id + "?subject=" + first).ok().path("schema"))
          .isNotNull();
      assertThat(registry.get("/schemas/ids/" + id + "/schema").ok().path("name").asText())
          .startsWith("Shared");
      assertThat(registry.get("/schemas/ids/" + id + "/subjects").ok().toString())
          .isEqualTo("[\"" + first + "\",\"" + second + "\"]");
      JsonNode versions = registry.get("/schemas/ids/" + id + "/versions").ok();
      assertThat(versions).hasSize(2);
      assertThat(versions.get(1).path("subject").asText()).isEqualTo(second);
      assertThat(versions.get(1).path("version").asInt()).isEqualTo(2);

      registry.delete("/subjects/" + first).ok();
      assertThat(registry.get("/schemas/ids/" + id + "/subjects").ok().toString())
          .isEqualTo("[\"" + second + "\"]");
      assertThat(registry.get("/schemas/ids/" + id + "/subjects?deleted=true").ok()).hasSize(2);
      assertThat(registry.get("/schemas/ids/" + id + "/versions?deleted=true").ok()).hasSize(2);
    }

    @Test
    void unknownIdsAre40403() {
      registry.get("/schemas/ids/987654321").error(404, 40403);
      registry.get("/schemas/ids/987654321/schema").error(404, 40403);
      registry.get("/schemas/ids/987654321/subjects").error(404, 40403);
      registry.get("/schemas/ids/987654321/versions").error(404, 40403);
      registry.get("/schemas/ids/abc").error(404, 40403);
    }

    @Test
    void schemasListsVersionsByPrefixWithLatestOnlyPagingAndDeleted() {
      String prefix = "list-" + UUID.randomUUID();
      registry.register(prefix + "-a", PAYMENT_V1);
      registry.register(prefix + "-a", PAYMENT_V2);
      registry.register(prefix + "-b", PAYMENT_V1);
      registry.delete("/subjects/" + prefix + "-b").ok();

      JsonNode all = registry.get("/schemas?subjectPrefix=" + prefix).ok();
      assertThat(all).hasSize(2);
      assertThat(all.get(0).path("subject").asText()).isEqualTo(prefix + "-a");
      assertThat(all.get(0).path("version").asInt()).isEqualTo(1);
      assertThat(all.get(1).path("schema").asText()).contains("currency");
      assertThat(registry.get("/schemas?deleted=true&subjectPrefix=" + prefix).ok()).hasSize(3);
      JsonNode latest = registry.get("/schemas?latestOnly=true&subjectPrefix=" + prefix).ok();
      assertThat(latest).hasSize(1);
      assertThat(latest.get(0).path("version").asInt()).isEqualTo(2);
      JsonNode page = registry.get("/schemas?offset=1&limit=1&subjectPrefix=" + prefix).ok();
      assertThat(page).hasSize(1);
      assertThat(page.get(0).path("version").asInt()).isEqualTo(2);
      assertThat(registry.get("/schemas").ok().toString()).contains("orders-value");
    }
  }

  @Nested
  class Compatibility {

    private String transitiveSubjectWithTwoVersions() {
      String subject = newSubject();
      registry.setLevel(subject, "BACKWARD_TRANSITIVE");
      registry.register(subject, PAYMENT_V1);
      registry.register(subject, PAYMENT_V2);
      return subject;
    }

    @Test
    void checksAgainstAllVersionsOneVersionOrTheLatest() {
      String subject = transitiveSubjectWithTwoVersions();
      String base = "/compatibility/subjects/" + subject + "/versions";
      ObjectNode candidate = schema(PAYMENT_V3_NOT_TRANSITIVE);

      assertThat(registry.isCompatible(base, candidate)).isFalse();
      assertThat(registry.isCompatible(base + "/latest", candidate)).isTrue();
      assertThat(registry.isCompatible(base + "/2", candidate)).isTrue();
      JsonNode verbose = registry.post(base + "/1?verbose=true", candidate).ok();
      assertThat(verbose.path("is_compatible").asBoolean()).isFalse();
      assertThat(verbose.path("messages").get(0).asText()).contains("currency");
      assertThat(registry.post(base, candidate).ok().has("messages")).isFalse();
      assertThat(registry.isCompatible(base, schema(PAYMENT_V2))).isTrue();
      assertThat(registry.get("/subjects/" + subject + "/versions").ok().toString())
          .as("a check registers nothing")
          .isEqualTo("[1,2]");

      registry.post(base + "/9", candidate).error(404, 40402);
      registry.post(base + "/x", candidate).error(422, 42202);
      registry.post(base, schema("{\"type\":\"recordd\"}")).error(422, 42201);
      assertThat(registry.isCompatible(base + "?verbose=true", schema("{\"type\":\"recordd\"}")))
          .isFalse();
    }

    @Test
    void subjectWithoutVersionsAcceptsAnything() {
      String base = "/compatibility/subjects/" + newSubject() + "/versions";
      assertThat(registry.isCompatible(base, schema(PAYMENT_V1))).isTrue();
      assertThat(registry.isCompatible(base + "/latest", schema(PAYMENT_V1))).isTrue();
    }

    @Test
    void transitiveLevelRefusesWhatTheLatestAloneWouldAccept() {
      String subject = transitiveSubjectWithTwoVersions();

      registry
          .post("/subjects/" + subject + "/versions", schema(PAYMENT_V3_NOT_TRANSITIVE))
          .error(409, 409);
      registry.setLevel(subject, "BACKWARD");
      assertThat(registry.register(subject, PAYMENT_V3_NOT_TRANSITIVE)).isPositive();
    }
  }

  @Nested
  class Config {

    @Test
    void globalLevelIsTheContractsAndSubjectLevelsOverrideIt() {
      String subject = newSubject();
      assertThat(registry.get("/config").ok().path("compatibilityLevel").asText())
          .isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE.name());
      registry.get("/config/" + subject).error(404, 40408);
      assertThat(
              registry
                  .get("/config/" + subject + "?defaultToGlobal=true")
                  .ok()
                  .path("compatibilityLevel")
                  .asText())
          .isEqualTo("BACKWARD_TRANSITIVE");

      JsonNode put =
          registry
              .put("/config/" + subject, JSON.createObjectNode().put("compatibility", "none"))
              .ok();
      assertThat(put.path("compatibility").asText()).isEqualTo("NONE");
      assertThat(registry.get("/config/" + subject).ok().path("compatibilityLevel").asText())
          .isEqualTo("NONE");
      registry.register(subject, PAYMENT_V1);
      assertThat(registry.register(subject, PAYMENT_INCOMPATIBLE)).isPositive();

      registry
          .put("/config/" + subject, JSON.createObjectNode().put("compatibility", "SIDEWAYS"))
          .error(422, 42203);
      assertThat(registry.delete("/config/" + subject).ok().path("compatibilityLevel").asText())
          .isEqualTo("NONE");
      registry.delete("/config/" + subject).error(404, 40408);
    }
  }

  @Nested
  class Modes {

    @Test
    void readOnlySubjectRefusesWritesAndStillAnswersReads() {
      String subject = newSubject();
      int id = registry.register(subject, PAYMENT_V1);
      registry.get("/mode/" + subject).error(404, 40409);
      assertThat(registry.get("/mode").ok().path("mode").asText()).isEqualTo("READWRITE");
      assertThat(registry.get("/mode/" + subject + "?defaultToGlobal=true").ok().path("mode"))
          .hasToString("\"READWRITE\"");

      assertThat(
              registry
                  .put("/mode/" + subject, JSON.createObjectNode().put("mode", "READONLY"))
                  .ok()
                  .path("mode")
                  .asText())
          .isEqualTo("READONLY");
      assertThat(registry.get("/mode/" + subject).ok().path("mode").asText()).isEqualTo("READONLY");
      registry.post("/subjects/" + subject + "/versions", schema(PAYMENT_V2)).error(422, 42205);
      registry.delete("/subjects/" + subject + "/versions/1").error(422, 42205);
      registry.delete("/subjects/" + subject).error(422, 42205);
      assertThat(registry.post("/subjects/" + subject, schema(PAYMENT_V1)).ok().path("id").asInt())
          .isEqualTo(id);

      assertThat(registry.delete("/mode/" + subject).ok().path("mode").asText())
          .isEqualTo("READONLY");
      registry.delete("/mode/" + subject).error(404, 40401);
      assertThat(registry.register(subject, PAYMENT_V2)).isPositive();
    }

    @Test
    void importModeTakesExplicitIdsAndVersionsWithoutCompatibilityChecks() {
      String subject = newSubject();
      int importedId = 2_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
      String schema = PAYMENT_V1.replace("Payment", "Imported" + importedId);
      String otherSchema = PAYMENT_INCOMPATIBLE.replace("Payment", "Imported" + importedId);
      String versions = "/subjects/" + subject + "/versions";

      registry
          .post(versions, schema(schema).put("id", importedId).put("version", 3))
          .error(422, 42205);
      registry.put("/mode/" + subject, JSON.createObjectNode().put("mode", "IMPORT")).ok();

      registry.post(versions, schema(schema)).error(422, 42205);
      assertThat(
              registry
                  .post(versions, schema(schema).put("id", importedId).put("version", 3))
                  .ok()
                  .path("id")
                  .asInt())
          .isEqualTo(importedId);
      JsonNode imported = registry.get(versions + "/3").ok();
      assertThat(imported.path("id").asInt()).isEqualTo(importedId);
      registry
          .post(versions, schema(otherSchema).put("id", importedId).put("version", 4))
          .error(422, 42205);
      registry
          .post(versions, schema(schema).put("id", importedId + 1).put("version", 4))
          .error(422, 42207);
      assertThat(
              registry
                  .post(versions, schema(otherSchema).put("id", importedId + 1).put("version", 4))
                  .ok()
                  .path("id")
                  .asInt())
          .as("no compatibility check while importing")
          .isEqualTo(importedId + 1);
      registry.delete("/mode/" + subject).ok();
    }

    @Test
    void importModeIsRefusedWhereSchemasExistUnlessForced() {
      String subject = newSubject();
      registry.register(subject, PAYMENT_V1);

      registry
          .put("/mode/" + subject, JSON.createObjectNode().put("mode", "IMPORT"))
          .error(422, 42205);
      registry.put("/mode", JSON.createObjectNode().put("mode", "IMPORT")).error(422, 42205);
      assertThat(registry.get("/mode").ok().path("mode").asText()).isEqualTo("READWRITE");
      assertThat(
              registry
                  .put(
                      "/mode/" + subject + "?force=true",
                      JSON.createObjectNode().put("mode", "IMPORT"))
                  .ok()
                  .path("mode")
                  .asText())
          .isEqualTo("IMPORT");
      registry
          .put("/mode/" + subject, JSON.createObjectNode().put("mode", "SIDEWAYS"))
          .error(422, 42204);
      registry.delete("/mode/" + subject).ok();
    }
  }

  @Test
  void globalReadOnlyOverrideAndRestartKeepEveryIdAndSetting() {
    TestInfrastructure infra = TestInfrastructure.shared();
    String topic = "_schemas-restart-" + UUID.randomUUID();
    String subject = newSubject();
    List<Integer> ids = new ArrayList<>();
    try (var own =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(), topic, 0, CompatibilityLevel.BACKWARD_TRANSITIVE)) {
      RegistryHttp http = new RegistryHttp(own.url());
      ids.add(http.register(subject, PAYMENT_V1));
      ids.add(http.register(subject, PAYMENT_V2));
      http.setLevel(subject, "FULL");
      http.put("/mode", JSON.createObjectNode().put("mode", "READONLY_OVERRIDE")).ok();
      http.put("/mode/" + subject, JSON.createObjectNode().put("mode", "READWRITE")).ok();
      http.post("/subjects/" + subject + "/versions", schema(PAYMENT_V3_NOT_TRANSITIVE))
          .error(422, 42205);
    }

    try (var restarted =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(), topic, 0, CompatibilityLevel.BACKWARD)) {
      RegistryHttp http = new RegistryHttp(restarted.url());
      assertThat(http.get("/mode").ok().path("mode").asText()).isEqualTo("READONLY_OVERRIDE");
      assertThat(http.get("/config/" + subject).ok().path("compatibilityLevel").asText())
          .isEqualTo("FULL");
      assertThat(http.post("/subjects/" + subject, schema(PAYMENT_V1)).ok().path("id").asInt())
          .isEqualTo(ids.get(0));
      assertThat(http.get("/schemas/ids/" + ids.get(1)).status()).isEqualTo(200);
      http.put("/mode", JSON.createObjectNode().put("mode", "READWRITE")).ok();
      assertThat(http.register(subject, PAYMENT_V1)).isEqualTo(ids.get(0));
      assertThat(http.register(newSubject(), PAYMENT_INCOMPATIBLE)).isNotIn(ids);
    }
  }
}
