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

  static RegistryError versionNotFound(String subject, String version) {
    return new RegistryError(
        404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
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

  static RegistryError incompatible(String details) {
    return new RegistryError(
        409,
        409,
        "Schema being registered is incompatible with an earlier schema for subject; " + details);
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
