package io.payrail.ingest.problem;

import io.payrail.schemas.contract.Violation;
import java.util.List;
import java.util.Map;

/** An error answer, thrown from anywhere in request handling and rendered by the advice. */
public final class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public ProblemException(
      ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    // No stack trace: these are answers, not failures, and they are created on hot paths.
    super(detail, null, false, false);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  /**
   * 503 {@code unavailable} with {@code Retry-After: 1}: the answer exists but cannot be read here
   * right now (a partition moving, a view catching up, Kafka slow); the client asks again.
   */
  public static ProblemException unavailable(String detail) {
    return new ProblemException(
        ProblemType.UNAVAILABLE, detail, List.of(), Map.of("Retry-After", "1"));
  }

  /**
   * 400 {@code validation-failed} listing the contract's violations, or null when there are none.
   */
  public static ProblemException ifViolated(String detail, List<Violation> violations) {
    if (violations.isEmpty()) {
      return null;
    }
    return new ProblemException(
        ProblemType.VALIDATION_FAILED,
        detail,
        violations.stream().map(v -> new FieldError(v.field(), v.message())).toList(),
        Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
