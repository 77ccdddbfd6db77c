package io.payrail.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.payrail.localstack.registry.SchemaStore.Reference;
import io.payrail.localstack.registry.SchemaStore.SchemaRequest;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's REST API for Avro, in the default context: subjects, versions,
 * schemas by id, compatibility checks, compatibility levels and modes, with Confluent's JSON
 * shapes, content type, statuses and error codes ({@code local-stack/README.md} lists what
 * differs).
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Confluent's name of the one context this registry has. */
  private static final String DEFAULT_CONTEXT = ".";

  private final SchemaStore store;
  private final AtomicLong requests = new AtomicLong();

  RegistryHttpHandler(SchemaStore store) {
    this.store = store;
  }

  long requestCount() {
    return requests.get();
  }

  /**
   * One request: its method, decoded path segments and query parameters. It remembers whether a
   * route matched its path with another method, to answer 405 rather than 404.
   */
  private static final class Call {
    private final HttpExchange exchange;
    private final String method;
    private final String rawPath;
    private final List<String> path;
    private final Map<String, String> query;
    private boolean knownPath;

    Call(
        HttpExchange exchange,
        String method,
        String rawPath,
        List<String> path,
        Map<String, String> query) {
      this.exchange = exchange;
      this.method = method;
      this.rawPath = rawPath;
      this.path = path;
      this.query = query;
    }

    HttpExchange exchange() {
      return exchange;
    }

    String method() {
      return method;
    }

    String rawPath() {
      return rawPath;
    }

    List<String> path() {
      return path;
    }

    String segment(int index) {
      return path.get(index);
    }

    boolean flag(String name) {
      return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    String param(String name, String defaultValue) {
      return query.getOrDefault(name, defaultValue);
    }

    int intParam(String name, int defaultValue) {
      String value = query.get(name);
      if (value == null || value.isBlank()) {
        return defaultValue;
      }
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw RegistryError.badRequest("query parameter " + name + " is not a number: " + value);
      }
    }

    boolean is(String expectedMethod, String... segments) {
      if (path.size() != segments.length) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
          return false;
        }
      }
      if (!method.equals(expectedMethod)) {
        knownPath = true;
        return false;
      }
      return true;
    }

    RegistryError noRoute() {
      return knownPath
          ? RegistryError.methodNotAllowed(method, rawPath)
          : RegistryError.notFound(rawPath);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      try {
        Object answer = route(call(exchange));
        respond(
            exchange, 200, answer instanceof String text ? text : JSON.writeValueAsString(answer));
      } catch (RegistryError e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", e.errorCode()).put("message", e.getMessage());
        respond(exchange, e.httpStatus(), body.toString());
      } catch (RuntimeException e) {
        log.error(
            "schema registry request {} {} failed",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            e);
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", 50001).put("message", "Error in the backend data store - " + e);
        respond(exchange, 500, body.toString());
      }
    }
  }

  private static Call call(HttpExchange exchange) {
    String rawPath = exchange.getRequestURI().getRawPath();
    List<String> path =
        Arrays.stream(rawPath.split("/"))
            .filter(segment -> !segment.isEmpty())
            .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
            .toList();
    return new Call(
        exchange,
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        rawPath,
        path,
        query(exchange.getRequestURI().getRawQuery()));
  }

  private Object route(Call call) throws IOException {
    if (call.path().isEmpty()) {
      return JSON.createObjectNode();
    }
    return switch (call.segment(0)) {
      case "subjects" -> subjects(call);
      case "schemas" -> schemas(call);
      case "compatibility" -> compatibility(call);
      case "config" -> config(call);
      case "mode" -> mode(call);
      case "contexts" -> {
        if (call.is("GET", "contexts")) {
          yield List.of(DEFAULT_CONTEXT);
        }
        throw call.noRoute();
      }
      default -> throw RegistryError.notFound(call.rawPath());
    };
  }

  private Object subjects(Call call) throws IOException {
    if (call.is("GET", "subjects")) {
      return store.subjects(
          call.param("subjectPrefix", ""), call.flag("deleted"), call.flag("deletedOnly"));
    }
    if (call.path().size() < 2) {
      throw call.noRoute();
    }
    String subject = call.segment(1);
    if (call.is("POST", "subjects", "*")) {
      // normalize: schemas are always compared in parsed form, so it changes nothing here.
      return store.lookup(subject, request(call), call.flag("deleted"));
    }
    if (call.is("DELETE", "subjects", "*")) {
      return store.deleteSubject(subject, call.flag("permanent"));
    }
    if (call.is("GET", "subjects", "*", "versions")) {
      List<Integer> versions =
          store.versions(subject, call.flag("deleted"), call.flag("deletedOnly"));
      return page(versions, call);
    }
    if (call.is("POST", "subjects", "*", "versions")) {
      return JSON.createObjectNode().put("id", store.register(subject, request(call)));
    }
    if (call.is("GET", "subjects", "*", "versions", "*")) {
      return store.version(subject, call.segment(3), call.flag("deleted"));
    }
    if (call.is("DELETE", "subjects", "*", "versions", "*")) {
      return store.deleteVersion(subject, call.segment(3), call.flag("permanent"));
    }
    if (call.is("GET", "subjects", "*", "versions", "*", "schema")) {
      return store.version(subject, call.segment(3), call.flag("deleted")).path("schema").asText();
    }
    if (call.is("GET", "subjects", "*", "versions", "*", "referencedby")) {
      return page(store.referencedBy(subject, call.segment(3)), call);
    }
    throw call.noRoute();
  }

  private Object schemas(Call call) {
    if (call.is("GET", "schemas")) {
      return store.schemas(
          call.param("subjectPrefix", ""),
          call.flag("deleted"),
          call.flag("latestOnly"),
          call.intParam("offset", 0),
          call.intParam("limit", -1));
    }
    if (call.is("GET", "schemas", "types")) {
      return List.of("AVRO");
    }
    if (call.path().size() < 3 || !call.segment(1).equals("ids")) {
      throw call.noRoute();
    }
    // ?subject= and ?format= are accepted and change nothing: ids are global, schemas are Avro.
    if (call.is("GET", "schemas", "ids", "*")) {
      return store.schemaById(id(call.segment(2)));
    }
    if (call.is("GET", "schemas", "ids", "*", "schema")) {
      return store.schemaTextById(id(call.segment(2)));
    }
    if (call.is("GET", "schemas", "ids", "*", "subjects")) {
      return page(store.subjectsOfId(id(call.segment(2)), call.flag("deleted")), call);
    }
    if (call.is("GET", "schemas", "ids", "*", "versions")) {
      ArrayNode versions = store.versionsOfId(id(call.segment(2)), call.flag("deleted"));
      List<JsonNode> all = new ArrayList<>();
      versions.forEach(all::add);
      return page(all, call);
    }
    throw call.noRoute();
  }

  private Object compatibility(Call call) throws IOException {
    Optional<String> version;
    if (call.is("POST", "compatibility", "subjects", "*", "versions")) {
      version = Optional.empty();
    } else if (call.is("POST", "compatibility", "subjects", "*", "versions", "*")) {
      version = Optional.of(call.segment(4));
    } else {
      throw call.noRoute();
    }
    boolean verbose = call.flag("verbose");
    List<String> violations;
    try {
      violations = store.compatibility(call.segment(2), version.orElse(null), request(call));
    } catch (RegistryError e) {
      // As Confluent: with verbose, an unparseable candidate is an answer, not an error.
      if (!verbose || e.errorCode() != 42201) {
        throw e;
      }
      violations = List.of(e.getMessage());
    }
    ObjectNode answer = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
    if (verbose) {
      ArrayNode messages = answer.putArray("messages");
      violations.forEach(messages::add);
    }
    return answer;
  }

  private Object config(Call call) throws IOException {
    if (call.path().size() > 2) {
      throw call.noRoute();
    }
    String subject = call.path().size() == 2 ? call.segment(1) : null;
    return switch (call.method()) {
      case "GET" -> {
        CompatibilityLevel level =
            subject == null
                ? store.globalLevel()
                : store
                    .subjectLevel(subject)
                    .orElseGet(
                        () -> {
                          if (call.flag("defaultToGlobal")) {
                            return store.globalLevel();
                          }
                          throw RegistryError.subjectLevelConfigNotFound(subject);
                        });
        yield JSON.createObjectNode().put("compatibilityLevel", level.name());
      }
      case "PUT" -> {
        String requested = body(call.exchange()).path("compatibility").asText(null);
        CompatibilityLevel level;
        try {
          level = CompatibilityLevel.parse(requested);
        } catch (IllegalArgumentException e) {
          throw RegistryError.invalidCompatibilityLevel(requested);
        }
        store.setLevel(subject, level);
        yield JSON.createObjectNode().put("compatibility", level.name());
      }
      case "DELETE" -> {
        if (subject == null) {
          throw RegistryError.methodNotAllowed(call.method(), call.rawPath());
        }
        yield JSON.createObjectNode()
            .put("compatibilityLevel", store.deleteSubjectLevel(subject).name());
      }
      default -> throw RegistryError.methodNotAllowed(call.method(), call.rawPath());
    };
  }

  private Object mode(Call call) throws IOException {
    if (call.path().size() > 2) {
      throw call.noRoute();
    }
    String subject = call.path().size() == 2 ? call.segment(1) : null;
    return switch (call.method()) {
      case "GET" -> {
        RegistryMode mode;
        if (subject == null) {
          mode = store.globalMode();
        } else if (call.flag("defaultToGlobal")) {
          mode = store.modeInScope(subject);
        } else {
          mode =
              store
                  .subjectMode(subject)
                  .orElseThrow(() -> RegistryError.subjectLevelModeNotFound(subject));
        }
        yield JSON.createObjectNode().put("mode", mode.name());
      }
      case "PUT" -> {
        RegistryMode mode = RegistryMode.parse(body(call.exchange()).path("mode").asText(null));
        store.setMode(subject, mode, call.flag("force"));
        yield JSON.createObjectNode().put("mode", mode.name());
      }
      case "DELETE" -> {
        if (subject == null) {
          throw RegistryError.methodNotAllowed(call.method(), call.rawPath());
        }
        yield JSON.createObjectNode().put("mode", store.deleteSubjectMode(subject).name());
      }
      default -> throw RegistryError.methodNotAllowed(call.method(), call.rawPath());
    };
  }

  private static int id(String segment) {
    try {
      return Integer.parseInt(segment);
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound();
    }
  }

  private static <T> List<T> page(List<T> all, Call call) {
    int offset = Math.max(0, call.intParam("offset", 0));
    int limit = call.intParam("limit", -1);
    return all.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).toList();
  }

  /** A registration, lookup or compatibility body: schema, schemaType, references, id, version. */
  private static SchemaRequest request(Call call) throws IOException {
    JsonNode body = body(call.exchange());
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw RegistryError.invalidSchema("schemaType " + type + " is not supported, only AVRO");
    }
    JsonNode schema = body.path("schema");
    if (!schema.isTextual()) {
      throw RegistryError.invalidSchema("the request has no 'schema' string");
    }
    List<Reference> references = new ArrayList<>();
    for (JsonNode reference : body.path("references")) {
      if (!reference.path("version").canConvertToInt()) {
        throw RegistryError.invalidSchema("reference " + reference + " has no version number");
      }
      references.add(
          new Reference(
              reference.path("name").asText(null),
              reference.path("subject").asText(null),
              reference.path("version").asInt()));
    }
    return new SchemaRequest(
        schema.asText(),
        List.copyOf(references),
        body.path("id").asInt(-1),
        body.path("version").asInt(0));
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null
        && !contentType.contains("json")
        && !contentType.startsWith("application/octet-stream")) {
      throw RegistryError.unsupportedMediaType(contentType);
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw RegistryError.badRequest("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw RegistryError.badRequest("request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw RegistryError.badRequest("malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(key, value);
    }
    return query;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
