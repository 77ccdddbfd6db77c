package io.payrail.audit.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the dead-letter tools work.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param clientProperties extra Kafka client properties (security), may be empty
 * @param readTimeout how long reading a dead-letter topic to its end may take
 */
public record DeadLetterSettings(
    String bootstrapServers, Map<String, String> clientProperties, Duration readTimeout) {

  public DeadLetterSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(readTimeout, "readTimeout");
    clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
  }
}
