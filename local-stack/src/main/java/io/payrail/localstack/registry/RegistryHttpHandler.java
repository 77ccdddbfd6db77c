package io.payrail.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Confluent Schema Registry's REST API that serdes and common tools use, with
 * Confluent's JSON shapes, content type, statuses and error codes.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final SchemaStore store;
  private final AtomicLong requests = new AtomicLong();

  RegistryHttpHandler(SchemaStore store) {
    this.store = store;
  }

  long requestCount() {
    return requests.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      try {
        Object answer = route(exchange);
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

  private Object route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    List<String> path =
        Arrays.stream(rawPath.split("/"))
            .filter(segment -> !segment.isEmpty())
            .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
            .toList();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int size = path.size();
    String first = size > 0 ? path.get(0) : "";

    if (size == 0) {
      return JSON.createObjectNode();
    }
    switch (first) {
      case "subjects" -> {
        if (size == 1 && method.equals("GET")) {
          return store.subjects(flag(query, "deleted"));
        }
        String subject = path.get(1);
        if (size == 2) {
          return switch (method) {
            case "POST" -> store.lookup(subject, schemaOf(exchange));
            case "DELETE" -> store.deleteSubject(subject, flag(query, "permanent"));
            default -> throw RegistryError.methodNotAllowed(method, rawPath);
          };
        }
        if (size == 3 && path.get(2).equals("versions")) {
          return switch (method) {
            case "GET" -> store.versions(subject);
            case "POST" ->
                JSON.createObjectNode().put("id", store.register(subject, schemaOf(exchange)));
            default -> throw RegistryError.methodNotAllowed(method, rawPath);
          };
        }
        if (size == 4 && path.get(2).equals("versions") && method.equals("GET")) {
          return store.version(subject, path.get(3));
        }
        if (size == 5
            && path.get(2).equals("versions")
            && path.get(4).equals("schema")
            && method.equals("GET")) {
          return store.version(subject, path.get(3)).path("schema").asText();
        }
      }
      case "schemas" -> {
        if (size == 2 && path.get(1).equals("types") && method.equals("GET")) {
          return List.of("AVRO");
        }
        if (size >= 3 && size <= 4 && path.get(1).equals("ids") && method.equals("GET")) {
          int id;
          try {
            id = Integer.parseInt(path.get(2));
          } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound();
          }
          String schema = store.schemaById(id).toString();
          if (size == 4 && path.get(3).equals("schema")) {
            return schema;
          }
          if (size == 3) {
            return JSON.createObjectNode().put("schema", schema);
          }
        }
      }
      case "compatibility" -> {
        if (size == 5
            && path.get(1).equals("subjects")
            && path.get(3).equals("versions")
            && method.equals("POST")) {
          List<String> violations =
              store.compatibility(path.get(2), path.get(4), schemaOf(exchange));
          ObjectNode answer = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
          if (flag(query, "verbose")) {
            ArrayNode messages = answer.putArray("messages");
            violations.forEach(messages::add);
          }
          return answer;
        }
      }
      case "config" -> {
        String subject = size == 2 ? path.get(1) : null;
        if (size > 2) {
          break;
        }
        return switch (method) {
          case "GET" -> {
            CompatibilityLevel level =
                subject == null
                    ? store.globalLevel()
                    : store
                        .subjectLevel(subject)
                        .orElseGet(
                            () -> {
                              if (flag(query, "defaultToGlobal")) {
                                return store.globalLevel();
                              }
                              throw RegistryError.subjectLevelConfigNotFound(subject);
                            });
            yield JSON.createObjectNode().put("compatibilityLevel", level.name());
          }
          case "PUT" -> {
            JsonNode body = body(exchange);
            String requested = body.path("compatibility").asText(null);
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
              throw RegistryError.methodNotAllowed(method, rawPath);
            }
            yield JSON.createObjectNode()
                .put("compatibilityLevel", store.deleteSubjectLevel(subject).name());
          }
          default -> throw RegistryError.methodNotAllowed(method, rawPath);
        };
      }
      default -> {
        // falls through to 404 below
      }
    }
    throw RegistryError.notFound(rawPath);
  }

  private static String schemaOf(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw RegistryError.invalidSchema("schemaType " + type + " is not supported, only AVRO");
    }
    JsonNode schema = body.path("schema");
    if (!schema.isTextual()) {
      throw RegistryError.invalidSchema("the request has no 'schema' string");
    }
    return schema.asText();
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

  private static boolean flag(Map<String, String> query, String name) {
    return Boolean.parseBoolean(query.getOrDefault(name, "false"));
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
