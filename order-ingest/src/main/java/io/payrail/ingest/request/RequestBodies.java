package io.payrail.ingest.request;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body safely: at most {@code maxBytes}, refused whole when it holds a card
 * number (checked on the raw bytes first, then on every decoded string, so escapes cannot hide
 * one), and parsed strictly (no duplicate keys, no trailing content). Parser messages are never
 * passed on: they can quote the body.
 */
public final class RequestBodies {

  private static final String CARD_DETAIL =
      "The body contains what looks like a card number. Send a payment token, not a card number.";

  private final int maxBytes;
  private final JsonMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  public RequestBodies(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as a JSON object, or a problem: 413, 422 (card number) or 400 (malformed). */
  public JsonNode readObject(HttpServletRequest request) {
    byte[] body = readBounded(request);
    if (CardNumberDetector.containsCardNumber(body)) {
      throw new ProblemException(ProblemType.CARD_NUMBER, CARD_DETAIL);
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JacksonException e) {
      throw malformed(e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object");
    }
    if (anyStringHoldsCardNumber(tree)) {
      throw new ProblemException(ProblemType.CARD_NUMBER, CARD_DETAIL);
    }
    return tree;
  }

  private byte[] readBounded(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new ProblemException(ProblemType.BAD_REQUEST, "The body could not be read");
    }
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "The body must be at most " + maxBytes + " bytes",
        java.util.List.of(),
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

  private static boolean anyStringHoldsCardNumber(JsonNode node) {
    if (node.isString()) {
      return CardNumberDetector.containsCardNumber(node.stringValue());
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (CardNumberDetector.containsCardNumber(entry.getKey())
          || anyStringHoldsCardNumber(entry.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node.values()) {
        if (anyStringHoldsCardNumber(element)) {
          return true;
        }
      }
    }
    return false;
  }
}
