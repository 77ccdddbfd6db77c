package io.payrail.schemas.registry;

/**
 * An error answer of a Confluent-compatible schema registry, with its HTTP status and Confluent's
 * error code (for example 40401 subject not found, 40403 schema not found, 409 incompatible).
 */
public class SchemaRegistryException extends RuntimeException {

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
    this.errorCode = 0;
  }

  /** The HTTP status, or 0 when the registry could not be reached at all. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's error code from the response body, or 0 when there was none. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * True when the registry did not give an answer about the schema: it could not be reached, timed
   * out, or answered 5xx, 408 or 429. Such a failure is temporary and says nothing about the
   * record; a 4xx with an error code (schema or subject not found) is an answer.
   */
  public boolean isUnavailable() {
    return httpStatus == 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
  }
}
