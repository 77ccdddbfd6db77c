package io.payrail.ingest.request;

import io.payrail.ingest.problem.ProblemResponses;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
   */
  @ConfigurationProperties("payrail.ingest.request")
  record RequestProperties(DataSize maxBody) {}

  @Bean
  FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponses problems) {
    FilterRegistrationBean<ContentTypeFilter> registration =
        new FilterRegistrationBean<>(new ContentTypeFilter(problems));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  @Bean
  RequestBodies requestBodies(RequestProperties properties) {
    return new RequestBodies(Math.toIntExact(properties.maxBody().toBytes()));
  }
}
