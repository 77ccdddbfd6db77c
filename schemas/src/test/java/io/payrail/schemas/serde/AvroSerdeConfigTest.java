package io.payrail.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Confluent's configuration keys mean what Confluent's users expect. */
class AvroSerdeConfigTest {

  @Test
  void defaultsMatchConfluents() {
    AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://a:8081"));

    assertThat(config.registryUrls()).containsExactly(URI.create("http://a:8081"));
    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.specificAvroReader()).isFalse();
    assertThat(config.basicAuthUserInfo()).isEmpty();
  }

  @Test
  void severalUrlsAndUserInfoCredentials() {
    AvroSerdeConfig config =
        AvroSerdeConfig.from(
            Map.of(
                "schema.registry.url", "http://a:8081, http://b:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "payrail:secret"));

    assertThat(config.registryUrls())
        .containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
    assertThat(config.basicAuthUserInfo()).hasValue("payrail:secret");
  }

  @Test
  void urlCredentialsAreTakenFromTheUrlAndStrippedFromIt() {
    AvroSerdeConfig config =
        AvroSerdeConfig.from(Map.of("schema.registry.url", "https://user:pw@registry:8081"));

    assertThat(config.basicAuthUserInfo()).hasValue("user:pw");
    assertThat(config.registryUrls()).containsExactly(URI.create("https://registry:8081"));
  }

  @Test
  void missingUrlOrUnknownCredentialSourceIsAConfigError() {
    assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url", "http://a",
                        "basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.credentials.source");
  }
}
