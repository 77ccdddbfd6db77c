package io.payrail.ingest.limit;

import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class LimitConfiguration {

  /** Right after the merchant's authentication (order + 100), which names the key. */
  private static final int AFTER_AUTHENTICATION = Ordered.HIGHEST_PRECEDENCE + 110;

  @Bean
  FilterRegistrationBean<RequestLimitFilter> requestLimitFilter(
      KeyLimits limits, ProblemResponses problems, IngestMetrics metrics) {
    FilterRegistrationBean<RequestLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestLimitFilter(limits, problems, metrics));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(AFTER_AUTHENTICATION);
    return registration;
  }
}
