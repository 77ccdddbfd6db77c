package io.payrail.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A caching client for Confluent Schema Registry's REST API, also served by Payrail's local
 * registry. Registered ids and schemas never change, so they are cached for the client's lifetime;
 * the latest version of a subject is cached too, as Confluent's client does by default.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final Duration requestTimeout;

  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

  /**
   * @param baseUrls registry URLs, tried in order until one answers
   * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, if any
   * @param requestTimeout how long one request may take before the next URL is tried
   */
  public RestSchemaRegistryClient(
      List<URI> baseUrls, Optional<String> basicAuthUserInfo, Duration requestTimeout) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is required");
    }
    this.baseUrls = List.copyOf(baseUrls);
    this.authorization =
        basicAuthUserInfo.map(
            userInfo ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubject
        .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            schema,
            s -> {
              JsonNode answer =
                  call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(s));
              int id = answer.path("id").asInt();
              schemasById.putIfAbsent(id, s);
              return id;
            });
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return idsBySubject
        .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            schema,
            s -> {
              JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(s));
              int id = answer.path("id").asInt();
              schemasById.putIfAbsent(id, s);
              return id;
            });
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(
        id, i -> parse(call("GET", "/schemas/ids/" + i, null).path("schema").asText()));
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return latestBySubject.computeIfAbsent(
        subject,
        s -> {
          JsonNode answer = call("GET", "/subjects/" + encode(s) + "/versions/latest", null);
          Schema schema = parse(answer.path("schema").asText());
          int id = answer.path("id").asInt();
          schemasById.putIfAbsent(id, schema);
          return new RegisteredSchema(s, id, answer.path("version").asInt(), schema);
        });
  }

  /** Sets the subject's compatibility level ({@code PUT /config/{subject}}); not cached. */
  public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
    String body = JSON.createObjectNode().put("compatibility", level.name()).toString();
    JsonNode answer = call("PUT", "/config/" + encode(subject), body);
    return CompatibilityLevel.parse(answer.path("compatibility").asText(level.name()));
  }

  private JsonNode call(String method, String path, String body) {
    SchemaRegistryException lastFailure = null;
    for (URI baseUrl : baseUrls) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(stripTrailingSlash(baseUrl) + path))
              .timeout(requestTimeout)
              .header("Accept", CONTENT_TYPE)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      authorization.ifPresent(value -> request.header("Authorization", value));
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json =
            response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 == 2) {
          return json;
        }
        SchemaRegistryException error =
            new SchemaRegistryException(
                response.statusCode(),
                json.path("error_code").asInt(response.statusCode()),
                method + " " + path + ": " + json.path("message").asText(response.body()));
        if (response.statusCode() < 500) {
          throw error;
        }
        lastFailure = error;
      } catch (IOException e) {
        lastFailure =
            new SchemaRegistryException(
                "schema registry " + baseUrl + " did not answer " + method + " " + path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted while calling the schema registry", e);
      }
    }
    throw lastFailure;
  }

  private static String stripTrailingSlash(URI baseUrl) {
    String url = baseUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static Schema parse(String schemaJson) {
    return new Schema.Parser().parse(schemaJson);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
