package io.payrail.localstack.registry;

/**
 * An error answer with Confluent Schema Registry's HTTP status and error code, thrown by the store
 * and turned into {@code {"error_code": …, "message": …}} by the HTTP layer.
 */
final class RegistryError extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  private RegistryError(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  int httpStatus() {
    return httpStatus;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError subjectSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40404,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError versionSoftDeleted(String subject, String version) {
    return new RegistryError(
        404,
        40406,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError versionNotSoftDeleted(String subject, String version) {
    return new RegistryError(
        404,
        40407,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  static RegistryError subjectLevelModeNotFound(String subject) {
    return new RegistryError(
        404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
  }

  static RegistryError subjectNotSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryError subjectLevelConfigNotFound(String subject) {
    return new RegistryError(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryError notFound(String path) {
    return new RegistryError(404, 404, "HTTP 404 Not Found: " + path);
  }

  static RegistryError methodNotAllowed(String method, String path) {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed: " + method + " " + path);
  }

  /** Confluent 7.x/8.0's answer (error code 409; later releases say 40901). */
  static RegistryError incompatible(String subject, String details) {
    return new RegistryError(
        409,
        409,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + details);
  }

  static RegistryError invalidSchema(String details) {
    return new RegistryError(422, 42201, "Invalid schema: " + details);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel(String level) {
    return new RegistryError(
        422,
        42203,
        "Invalid compatibility level. Valid values are none, backward, forward, full,"
            + " backward_transitive, forward_transitive, and full_transitive; got "
            + level);
  }

  static RegistryError invalidMode() {
    return new RegistryError(
        422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.");
  }

  static RegistryError operationNotPermitted(String details) {
    return new RegistryError(422, 42205, details);
  }

  /** Names the referenced version as Confluent prints a schema key. */
  static RegistryError referenceExists(String subject, int version) {
    return new RegistryError(
        422,
        42206,
        "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject="
            + subject
            + ",version="
            + version
            + "}.");
  }

  static RegistryError idDoesNotMatch(int existingId, int requestedId) {
    return new RegistryError(
        422,
        42207,
        "Schema already registered with id " + existingId + " instead of input id " + requestedId);
  }

  static RegistryError badRequest(String details) {
    return new RegistryError(400, 400, details);
  }

  static RegistryError unsupportedMediaType(String contentType) {
    return new RegistryError(415, 415, "HTTP 415 Unsupported Media Type: " + contentType);
  }

  static RegistryError storeError(String details, Throwable cause) {
    RegistryError error =
        new RegistryError(500, 50001, "Error in the backend data store - " + details);
    error.initCause(cause);
    return error;
  }
}
