package io.payrail.ingest.request;

import io.payrail.ingest.problem.ProblemResponses;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestConfiguration.RequestProperties.class)
class RequestConfiguration {

  /**
   * @param maxBody the largest request body accepted (413 above)
   * @param bodyReadTimeout how long a whole request body may take to arrive (408 after)
   */
  @ConfigurationProperties("payrail.ingest.request")
  record RequestProperties(DataSize maxBody, Duration bodyReadTimeout) {}

  @Bean
  FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponses problems) {
    FilterRegistrationBean<ContentTypeFilter> registration =
        new FilterRegistrationBean<>(new ContentTypeFilter(problems));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  /** See {@link UnreadBodyValve}: no thread waits for a body nobody will read. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodiesCloseTheConnection() {
    return factory -> factory.addContextValves(new UnreadBodyValve());
  }

  @Bean
  RequestBodies requestBodies(RequestProperties properties) {
    return new RequestBodies(
        Math.toIntExact(properties.maxBody().toBytes()), properties.bodyReadTimeout());
  }
}
