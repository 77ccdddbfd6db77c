package io.payrail.ingest.auth;

import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.routing.InternalRequestAuth;
import io.payrail.schemas.keys.ApiKeys;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

  private final MerchantProperties properties;

  AuthConfiguration(MerchantProperties properties) {
    this.properties = properties;
  }

  /**
   * The configured keys. Refuses to start while the public development key is one of them, unless
   * {@code payrail.ingest.allow-development-key} says this is a local run or a demo: anyone who
   * read the README could otherwise place orders as that merchant.
   */
  @Bean
  IssuedKeys issuedKeys(StreamsBuilderFactoryBean streams, TopicSerdes serdes) {
    return new IssuedKeys(
        streams::getKafkaStreams, serdes.valueSerde(Topics.MERCHANT_KEYS).deserializer());
  }

  @Bean
  MerchantKeys merchantKeys(IssuedKeys issued) {
    if (developmentKeyConfigured() && !properties.allowDevelopmentKey()) {
      throw new IllegalStateException(
          "PAYRAIL_INGEST_MERCHANTS holds the public development key's hash. Configure your own"
              + " merchants' key hashes, or set PAYRAIL_INGEST_ALLOW_DEVELOPMENT_KEY=true for a"
              + " local run or a demo.");
    }
    return new MerchantKeys(properties.merchants(), issued::byId, Clock.systemUTC());
  }

  private boolean developmentKeyConfigured() {
    String key = properties.developmentKey();
    if (key == null || key.isBlank()) {
      return false;
    }
    String hash = HexFormat.of().formatHex(ApiKeys.sha256(key));
    return properties.merchants().stream()
        .anyMatch(entry -> entry.toLowerCase(Locale.ROOT).endsWith(":" + hash));
  }

  @Bean
  InternalRequestAuth internalRequestAuth(InternalAuthProperties internal) {
    return new InternalRequestAuth(internal.secretBytes(), internal.maxSkew(), Clock.systemUTC());
  }

  /** Before authentication: a forged forward is refused whatever key it carries. */
  @Bean
  FilterRegistrationBean<InternalHeadersFilter> internalHeadersFilter(
      InternalRequestAuth auth, InternalAuthProperties internal, ProblemResponses problems) {
    if (internal.acceptUnsigned()) {
      log.warn(
          "PAYRAIL_INTERNAL_ACCEPT_UNSIGNED is on: any client can claim to be a forwarding"
              + " instance. Turn it off once every instance signs its forwards.");
    }
    FilterRegistrationBean<InternalHeadersFilter> registration =
        new FilterRegistrationBean<>(
            new InternalHeadersFilter(auth, internal.acceptUnsigned(), problems));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  @Bean
  FilterRegistrationBean<MerchantAuthFilter> merchantAuthFilter(
      MerchantKeys keys, ProblemResponses problems) {
    FilterRegistrationBean<MerchantAuthFilter> registration =
        new FilterRegistrationBean<>(new MerchantAuthFilter(keys, problems));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  /** Every /v1 endpoint's {@link RequiresScope}, checked before its handler reads anything. */
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ScopeInterceptor()).addPathPatterns("/v1/**");
  }

  /** Tells whoever runs the service locally which key works, and that it must not go further. */
  @EventListener(ApplicationReadyEvent.class)
  void announceDevelopmentKey() {
    if (developmentKeyConfigured()) {
      log.warn(
          "Development API key is active: 'Authorization: Bearer {}'. Configure"
              + " PAYRAIL_INGEST_MERCHANTS with your own key hashes outside local runs.",
          properties.developmentKey());
    }
  }
}
