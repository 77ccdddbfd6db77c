package io.payrail.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The local registry's REST API, over real HTTP, with Confluent's shapes and error codes. */
class LocalSchemaRegistryTest {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String PAYMENT_V1 =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"long"}]}""";
  private static final String PAYMENT_V2_COMPATIBLE =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"long"},
        {"name":"currency","type":"string","default":"EUR"}]}""";
  private static final String PAYMENT_INCOMPATIBLE =
      """
      {"type":"record","name":"Payment","namespace":"io.payrail.test","fields":[
        {"name":"id","type":"string"},{"name":"amountMinor","type":"string"}]}""";

  private final URI url = TestInfrastructure.shared().schemaRegistryUrl();

  @Test
  void sameSchemaTwiceGetsTheSameId() throws Exception {
    String subject = subject();
    int first = register(url, subject, PAYMENT_V1).path("id").asInt();
    int second = register(url, subject, PAYMENT_V1).path("id").asInt();
    int elsewhere = register(url, subject(), PAYMENT_V1).path("id").asInt();

    assertThat(first).isPositive();
    assertThat(second).isEqualTo(first);
    assertThat(elsewhere).isEqualTo(first);
    assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void incompatibleSchemaIsRejectedWith409AndConfluentsErrorBody() throws Exception {
    String subject = subject();
    register(url, subject, PAYMENT_V1);

    HttpResponse<String> response =
        post("/subjects/" + subject + "/versions", PAYMENT_INCOMPATIBLE);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(CONTENT_TYPE);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("error_code").asInt()).isEqualTo(409);
    assertThat(body.path("message").asText()).contains("incompatible").contains("amountMinor");
    assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void compatibleEvolutionGetsTheNextVersion() throws Exception {
    String subject = subject();
    int v1 = register(url, subject, PAYMENT_V1).path("id").asInt();
    int v2 = register(url, subject, PAYMENT_V2_COMPATIBLE).path("id").asInt();

    assertThat(v2).isNotEqualTo(v1);
    JsonNode latest = JSON.readTree(get("/subjects/" + subject + "/versions/latest").body());
    assertThat(latest.path("subject").asText()).isEqualTo(subject);
    assertThat(latest.path("version").asInt()).isEqualTo(2);
    assertThat(latest.path("id").asInt()).isEqualTo(v2);
    JsonNode first = JSON.readTree(get("/subjects/" + subject + "/versions/1/schema").body());
    assertThat(first.path("fields")).hasSize(2);
    JsonNode byId = JSON.readTree(get("/schemas/ids/" + v2).body());
    assertThat(byId.path("schema").asText()).contains("currency");
  }

  @Test
  void lookupFindsRegisteredSchemasAndNamesWhatIsMissing() throws Exception {
    String subject = subject();
    int id = register(url, subject, PAYMENT_V1).path("id").asInt();

    JsonNode found = JSON.readTree(post("/subjects/" + subject, PAYMENT_V1).body());
    assertThat(found.path("id").asInt()).isEqualTo(id);
    assertThat(found.path("version").asInt()).isEqualTo(1);

    assertError(post("/subjects/" + subject, PAYMENT_V2_COMPATIBLE), 404, 40403);
    assertError(post("/subjects/" + subject(), PAYMENT_V1), 404, 40401);
    assertError(get("/subjects/" + subject + "/versions/7"), 404, 40402);
    assertError(get("/subjects/" + subject + "/versions/first"), 422, 42202);
    assertError(get("/schemas/ids/999999"), 404, 40403);
    assertError(post("/subjects/" + subject + "/versions", "{\"type\":\"recordd\"}"), 422, 42201);
  }

  @Test
  void compatibilityEndpointAnswersWithoutRegistering() throws Exception {
    String subject = subject();
    register(url, subject, PAYMENT_V1);

    JsonNode compatible =
        JSON.readTree(
            post("/compatibility/subjects/" + subject + "/versions/latest", PAYMENT_V2_COMPATIBLE)
                .body());
    JsonNode incompatible =
        JSON.readTree(
            post(
                    "/compatibility/subjects/" + subject + "/versions/1?verbose=true",
                    PAYMENT_INCOMPATIBLE)
                .body());

    assertThat(compatible.path("is_compatible").asBoolean()).isTrue();
    assertThat(incompatible.path("is_compatible").asBoolean()).isFalse();
    assertThat(incompatible.path("messages")).isNotEmpty();
    assertThat(get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void subjectCompatibilityLevelGovernsRegistration() throws Exception {
    String subject = subject();
    assertError(get("/config/" + subject), 404, 40408);
    assertThat(JSON.readTree(get("/config").body()).path("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");

    HttpResponse<String> put = send("PUT", "/config/" + subject, "{\"compatibility\":\"NONE\"}");
    assertThat(JSON.readTree(put.body()).path("compatibility").asText()).isEqualTo("NONE");
    assertThat(JSON.readTree(get("/config/" + subject).body()).path("compatibilityLevel").asText())
        .isEqualTo("NONE");

    register(url, subject, PAYMENT_V1);
    assertThat(post("/subjects/" + subject + "/versions", wrap(PAYMENT_INCOMPATIBLE)).statusCode())
        .isEqualTo(200);
    assertError(send("PUT", "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
  }

  @Test
  void deletedSubjectDisappearsButItsIdsStillResolve() throws Exception {
    String subject = subject();
    int id = register(url, subject, PAYMENT_V1).path("id").asInt();

    HttpResponse<String> deleted = send("DELETE", "/subjects/" + subject, null);

    assertThat(deleted.body()).isEqualTo("[1]");
    assertThat(JSON.readTree(get("/subjects").body()).toString()).doesNotContain(subject);
    assertError(get("/subjects/" + subject + "/versions"), 404, 40401);
    assertThat(get("/schemas/ids/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void restartKeepsEverySchemaId() throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    String topic = "_schemas-restart-" + UUID.randomUUID();
    String subject = subject();
    int v1;
    int v2;
    try (var registry =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(), topic, 0, CompatibilityLevel.BACKWARD)) {
      v1 = register(registry.url(), subject, PAYMENT_V1).path("id").asInt();
      v2 = register(registry.url(), subject, PAYMENT_V2_COMPATIBLE).path("id").asInt();
    }

    try (var restarted =
        LocalSchemaRegistry.start(
            infra.bootstrapServers(), topic, 0, CompatibilityLevel.BACKWARD)) {
      assertThat(register(restarted.url(), subject, PAYMENT_V1).path("id").asInt()).isEqualTo(v1);
      assertThat(register(restarted.url(), subject, PAYMENT_V2_COMPATIBLE).path("id").asInt())
          .isEqualTo(v2);
      HttpResponse<String> byId =
          HTTP.send(
              HttpRequest.newBuilder(restarted.url().resolve("/schemas/ids/" + v1)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byId.statusCode()).isEqualTo(200);
      int fresh = register(restarted.url(), subject(), PAYMENT_INCOMPATIBLE).path("id").asInt();
      assertThat(fresh).isNotIn(v1, v2);
    }
  }

  private static String subject() {
    return "test-" + UUID.randomUUID() + "-value";
  }

  private static String wrap(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private static JsonNode register(URI base, String subject, String schema) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(wrap(schema)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private HttpResponse<String> post(String path, String schema) throws Exception {
    return send("POST", path, schema.startsWith("{\"schema\"") ? schema : wrap(schema));
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Content-Type", CONTENT_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int status, int errorCode)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(CONTENT_TYPE);
    assertThat(JSON.readTree(response.body()).path("error_code").asInt()).isEqualTo(errorCode);
  }
}
