package io.payrail.ingest.problem;

import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.contract.ContractRules;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders problems as {@code application/problem+json} bytes. The body is pre-serialized and the
 * content type preset, so the answer does not depend on the request's Accept header: a client that
 * asked for text/html still gets a machine-readable error instead of an empty 406.
 */
public final class ProblemResponses {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private static final String REDACTED_FIELD = "(a field whose path looks like a card number)";

  private final JsonMapper mapper = JsonMapper.builder().build();

  public ResponseEntity<byte[]> entity(ProblemException problem, String instance) {
    return entity(
        problem.type(), problem.getMessage(), problem.errors(), problem.headers(), instance);
  }

  public ResponseEntity<byte[]> entity(
      ProblemType type,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers,
      String instance) {
    HttpHeaders httpHeaders = new HttpHeaders();
    headers.forEach(httpHeaders::set);
    httpHeaders.setContentType(PROBLEM_JSON);
    return ResponseEntity.status(HttpStatus.valueOf(type.status()))
        .headers(httpHeaders)
        .body(body(type, detail, errors, instance));
  }

  /** Writes a problem straight to a servlet response, for filters that run before Spring MVC. */
  public void write(
      jakarta.servlet.http.HttpServletResponse response,
      ProblemType type,
      String detail,
      Map<String, String> headers,
      String instance)
      throws IOException {
    byte[] body = body(type, detail, List.of(), instance);
    response.setStatus(type.status());
    headers.forEach(response::setHeader);
    response.setContentType(PROBLEM_JSON.toString());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * The problem document. The last line of defence for "never echo a card number": a detail, field
   * path or instance (the request's path) that holds one is replaced, whatever produced it.
   */
  public byte[] body(ProblemType type, String detail, List<FieldError> errors, String instance) {
    List<FieldError> safeErrors =
        errors.stream()
            .map(
                error ->
                    new FieldError(
                        CardNumbers.containsCardNumber(error.field())
                            ? REDACTED_FIELD
                            : error.field(),
                        CardNumbers.containsCardNumber(error.message())
                            ? ContractRules.CARD_NUMBER_MESSAGE
                            : error.message()))
            .toList();
    return mapper.writeValueAsBytes(
        new Problem(
            type.type(),
            type.title(),
            type.status(),
            CardNumbers.containsCardNumber(detail) ? type.title() : detail,
            CardNumbers.containsCardNumber(instance) ? null : instance,
            safeErrors));
  }
}
