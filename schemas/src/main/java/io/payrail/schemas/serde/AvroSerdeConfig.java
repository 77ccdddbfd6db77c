package io.payrail.schemas.serde;

import io.payrail.schemas.registry.RestSchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, read from the same keys Confluent's Avro serdes use, so an existing client
 * configuration works unchanged.
 *
 * @param registryUrls {@code schema.registry.url}: comma-separated registry URLs
 * @param autoRegisterSchemas {@code auto.register.schemas}: register the record's schema on write
 *     (default true); false looks the schema up and fails when it is not registered
 * @param useLatestVersion {@code use.latest.version}: write with the subject's latest schema
 *     instead of the record's own (default false)
 * @param specificAvroReader {@code specific.avro.reader}: read into generated classes instead of
 *     GenericRecord (default false)
 * @param basicAuthUserInfo {@code user:password} from {@code basic.auth.user.info} when {@code
 *     basic.auth.credentials.source} is USER_INFO, or from the URL's user info when it is URL
 */
public record AvroSerdeConfig(
    List<URI> registryUrls,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    boolean specificAvroReader,
    Optional<String> basicAuthUserInfo) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /**
   * Optional: an already built {@link SchemaRegistryClient} to share between serdes, so that they
   * share its cache. Not a Confluent key.
   */
  public static final String SCHEMA_REGISTRY_CLIENT = "payrail.schema.registry.client";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Reads the settings from a Kafka client or serde configuration map. */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    Object urls = configs.get(SCHEMA_REGISTRY_URL);
    if (urls == null || urls.toString().isBlank()) {
      if (configs.get(SCHEMA_REGISTRY_CLIENT) == null) {
        throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
      }
      urls = "";
    }
    List<URI> registryUrls =
        Arrays.stream(urls.toString().split(","))
            .map(String::trim)
            .filter(url -> !url.isEmpty())
            .map(URI::create)
            .toList();
    String source =
        Optional.ofNullable(configs.get(BASIC_AUTH_CREDENTIALS_SOURCE))
            .map(Object::toString)
            .orElse("URL")
            .toUpperCase(Locale.ROOT);
    Optional<String> userInfo =
        switch (source) {
          case "USER_INFO" ->
              Optional.ofNullable(configs.get(BASIC_AUTH_USER_INFO))
                  .map(Object::toString)
                  .filter(value -> !value.isBlank());
          case "URL" ->
              registryUrls.stream()
                  .map(URI::getUserInfo)
                  .filter(value -> value != null && !value.isBlank())
                  .findFirst();
          default ->
              throw new ConfigException(
                  BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported values are USER_INFO and URL");
        };
    return new AvroSerdeConfig(
        registryUrls.stream().map(AvroSerdeConfig::withoutUserInfo).toList(),
        flag(configs, AUTO_REGISTER_SCHEMAS, true),
        flag(configs, USE_LATEST_VERSION, false),
        flag(configs, SPECIFIC_AVRO_READER, false),
        userInfo);
  }

  /** The shared client from the configuration, or a new caching REST client. */
  static SchemaRegistryClient client(Map<String, ?> configs, AvroSerdeConfig config) {
    Object shared = configs.get(SCHEMA_REGISTRY_CLIENT);
    if (shared instanceof SchemaRegistryClient client) {
      return client;
    }
    return new RestSchemaRegistryClient(
        config.registryUrls(), config.basicAuthUserInfo(), REQUEST_TIMEOUT);
  }

  private static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value.toString().trim());
  }

  private static URI withoutUserInfo(URI url) {
    if (url.getUserInfo() == null) {
      return url;
    }
    return URI.create(url.toString().replace(url.getRawUserInfo() + "@", ""));
  }
}
