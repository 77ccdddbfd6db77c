package io.payrail.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** A plain HTTP client of a registry's REST API for tests: no Payrail client code in between. */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI base;

  RegistryHttp(URI base) {
    this.base = base;
  }

  /** An answer: status, content type and body. */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** Asserts a 200 and returns the JSON body. */
    JsonNode ok() {
      assertThat(status).as(body).isEqualTo(200);
      assertThat(contentType).isEqualTo(CONTENT_TYPE);
      return json();
    }

    /** Asserts Confluent's error answer: the status, its content type and {@code error_code}. */
    JsonNode error(int expectedStatus, int expectedErrorCode) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      assertThat(contentType).isEqualTo(CONTENT_TYPE);
      JsonNode json = json();
      assertThat(json.path("error_code").asInt()).as(body).isEqualTo(expectedErrorCode);
      assertThat(json.path("message").asText()).isNotBlank();
      return json;
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer post(String path, JsonNode body) {
    return send("POST", path, body.toString());
  }

  Answer put(String path, JsonNode body) {
    return send("PUT", path, body.toString());
  }

  Answer send(String method, String path, String body) {
    return send(method, path, body, CONTENT_TYPE);
  }

  Answer send(String method, String path, String body, String contentType) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .header("Content-Type", contentType)
                  .method(
                      method,
                      body == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers and returns the id, asserting a 200. */
  int register(String subject, String schema) {
    return post("/subjects/" + subject + "/versions", schema(schema)).ok().path("id").asInt();
  }

  /** Sets the subject's compatibility level, asserting a 200. */
  void setLevel(String subject, String level) {
    put("/config/" + subject, JSON.createObjectNode().put("compatibility", level)).ok();
  }

  /** {@code is_compatible} of a compatibility check, asserting a 200. */
  boolean isCompatible(String path, JsonNode body) {
    return post(path, body).ok().path("is_compatible").asBoolean();
  }

  /** {@code {"schema": …}}, the body of registrations, lookups and compatibility checks. */
  static ObjectNode schema(String schema) {
    return JSON.createObjectNode().put("schema", schema);
  }

  /** {@code {"schema": …, "references": [{name, subject, version}]}}. */
  static ObjectNode schemaWithReference(String schema, String name, String subject, int version) {
    ObjectNode body = schema(schema);
    ArrayNode references = body.putArray("references");
    references.addObject().put("name", name).put("subject", subject).put("version", version);
    return body;
  }

  /** A subject no other test uses. */
  static String newSubject() {
    return "test-" + UUID.randomUUID() + "-value";
  }
}
