package io.payrail.audit.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the dead-letter tools work.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl the schema registry the dead letters' values were written with: a replay
 *     decodes a value to give a dead letter without a usable key its key back ({@code
 *     merchantId/orderId} and the like); null when unknown, and such a dead letter is replayed with
 *     the key it has
 * @param clientProperties extra Kafka client and registry properties (security), may be empty
 * @param readTimeout how long reading a dead-letter topic to its end may take
 */
public record DeadLetterSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Map<String, String> clientProperties,
    Duration readTimeout) {

  public DeadLetterSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(readTimeout, "readTimeout");
    clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
  }

  /** Settings without a schema registry: dead letters are replayed with the keys they have. */
  public DeadLetterSettings(
      String bootstrapServers, Map<String, String> clientProperties, Duration readTimeout) {
    this(bootstrapServers, null, clientProperties, readTimeout);
  }
}
