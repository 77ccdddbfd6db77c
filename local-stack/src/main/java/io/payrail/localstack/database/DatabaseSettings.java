package io.payrail.localstack.database;

import java.util.Map;
import java.util.Optional;

/**
 * Where the ledger database is: a {@code jdbc:mysql://} URL for Connector/J and its credentials.
 *
 * @param jdbcUrl Connector/J URL of a MySQL 8 or MariaDB server
 * @param username database user
 * @param password database password (may be empty, never logged)
 */
public record DatabaseSettings(String jdbcUrl, String username, String password) {

  public static final String URL_VARIABLE = "PAYRAIL_DB_URL";
  public static final String USER_VARIABLE = "PAYRAIL_DB_USER";
  public static final String PASSWORD_VARIABLE = "PAYRAIL_DB_PASSWORD";

  /** An external server when {@code PAYRAIL_DB_URL} is set, with its user and password. */
  public static Optional<DatabaseSettings> fromEnvironment(Map<String, String> environment) {
    String url = environment.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new DatabaseSettings(
            url,
            environment.getOrDefault(USER_VARIABLE, "root"),
            environment.getOrDefault(PASSWORD_VARIABLE, "")));
  }

  /** Spring Boot's datasource properties for these settings. */
  public Map<String, String> springProperties() {
    return Map.of(
        "spring.datasource.url", jdbcUrl,
        "spring.datasource.username", username,
        "spring.datasource.password", password);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
  }
}
