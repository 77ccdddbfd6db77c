package io.payrail.ingest.request;

import io.payrail.ingest.problem.FieldError;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.contract.ContractRules;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body safely: at most {@code maxBytes}, parsed strictly (no duplicate keys,
 * no trailing content), and refused whole (422) when any string, field name or integer in it holds
 * what looks like a card number ({@link CardNumbers}: after decoding, so escapes cannot hide one; a
 * body that is not JSON is searched as text). The answer names the fields, never the value. Parser
 * messages are never passed on: they can quote the body.
 */
public final class RequestBodies {

  private static final String CARD_DETAIL =
      "The request holds what looks like a card number. Send a payment token, not a card number.";

  private static final int CHUNK_BYTES = 8192;

  private final int maxBytes;
  private final Duration readTimeout;
  private final JsonMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * @param maxBytes the largest body (413 above)
   * @param readTimeout how long the whole body may take to arrive (408 after)
   */
  public RequestBodies(int maxBytes, Duration readTimeout) {
    this.maxBytes = maxBytes;
    this.readTimeout = readTimeout;
  }

  /** The body as a JSON object, or a problem: 413, 408 (too slow), 422 (card number), 400. */
  public JsonNode readObject(HttpServletRequest request) {
    byte[] body = readBounded(request);
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JacksonException e) {
      if (CardNumbers.containsCardNumber(new String(body, StandardCharsets.UTF_8))) {
        throw cardNumber(List.of());
      }
      throw malformed(e);
    }
    if (tree == null || !tree.isObject()) {
      if (CardNumbers.containsCardNumber(new String(body, StandardCharsets.UTF_8))) {
        throw cardNumber(List.of());
      }
      throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object");
    }
    List<FieldError> holding = new ArrayList<>();
    findCardNumbers(tree, "", holding);
    if (!holding.isEmpty()) {
      throw cardNumber(holding);
    }
    return tree;
  }

  /**
   * The body, read within {@code readTimeout} overall: a client that sends its body a byte at a
   * time (slowloris) holds a request thread at most that long plus one socket read timeout
   * (Tomcat's {@code connection-timeout}, which also ends a read that gets nothing at all).
   */
  private byte[] readBounded(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    long deadline = System.nanoTime() + readTimeout.toNanos();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = request.getInputStream()) {
      for (int read = 0; read >= 0; read = in.read(chunk)) {
        body.write(chunk, 0, read);
        if (body.size() > maxBytes) {
          throw tooLarge();
        }
        if (System.nanoTime() - deadline > 0) {
          throw tooSlow();
        }
      }
      return body.toByteArray();
    } catch (IOException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SocketTimeoutException) {
          throw tooSlow();
        }
      }
      throw new ProblemException(ProblemType.BAD_REQUEST, "The body could not be read");
    }
  }

  private ProblemException tooSlow() {
    return new ProblemException(
        ProblemType.REQUEST_TIMEOUT,
        "The body must arrive within " + readTimeout.toMillis() + " ms",
        List.of(),
        Map.of("Connection", "close"));
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "The body must be at most " + maxBytes + " bytes",
        List.of(),
        Map.of("Connection", "close"));
  }

  private static ProblemException malformed(JacksonException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " near line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new ProblemException(ProblemType.MALFORMED_JSON, "The body is not valid JSON" + where);
  }

  private static ProblemException cardNumber(List<FieldError> fields) {
    return new ProblemException(ProblemType.CARD_NUMBER, CARD_DETAIL, fields, Map.of());
  }

  /**
   * Adds the path of every value holding a card number. A field name that holds one is reported as
   * its parent object, so the path itself never carries the number.
   */
  private static void findCardNumbers(JsonNode node, String path, List<FieldError> found) {
    if (node.isString() || node.isIntegralNumber()) {
      String text = node.isString() ? node.stringValue() : node.numberValue().toString();
      if (CardNumbers.containsCardNumber(text)) {
        found.add(
            new FieldError(path.isEmpty() ? "(body)" : path, ContractRules.CARD_NUMBER_MESSAGE));
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findCardNumbers(node.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (CardNumbers.containsCardNumber(entry.getKey())) {
        found.add(
            new FieldError(
                path.isEmpty() ? "(body)" : path,
                "has a field name that looks like a card number"));
        continue;
      }
      findCardNumbers(
          entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), found);
    }
  }
}
