package io.payrail.loyalty.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde of the store values as they were written before {@link BinaryStoreSerde}, which still
 * reads them through this class so that an upgraded instance restores an older changelog. Unknown
 * properties are ignored, as they always were.
 */
final class JsonSerde<T> implements Serde<T> {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // JSON of that time has no reservedPoints (reservations came later): missing is 0.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private final Class<T> type;

  JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : MAPPER.writeValueAsBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (JacksonException e) {
        throw new SerializationException("cannot read " + type.getSimpleName() + " from store", e);
      }
    };
  }
}
