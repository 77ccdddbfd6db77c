package io.payrail.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.routing.InternalRequestAuth;
import io.payrail.routing.RequestForwarder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The rolling-update switch: unsigned forwards pass only while it is on. */
class InternalHeadersFilterTest {

  private static final InternalRequestAuth AUTH =
      new InternalRequestAuth(
          "a-secret-for-the-filter-unit-test-32b".getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(30),
          Clock.systemUTC());

  @Test
  void unsignedForwardIsRefusedByDefault() throws Exception {
    MockHttpServletResponse response = filter(false, unsignedForward());

    assertThat(response.getStatus()).isEqualTo(400);
  }

  @Test
  void unsignedForwardPassesAsForwardedOnlyWhileRollingFromAnUnsignedVersion() throws Exception {
    MockHttpServletRequest request = unsignedForward();

    MockHttpServletResponse response = filter(true, request);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(InternalHeadersFilter.forwarded(request)).isTrue();
  }

  @Test
  void requestWithoutPayrailHeadersIsNotForwarded() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/orders/o-1");

    MockHttpServletResponse response = filter(false, request);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(InternalHeadersFilter.forwarded(request)).isFalse();
  }

  private static MockHttpServletRequest unsignedForward() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/orders/o-1");
    request.addHeader(RequestForwarder.FORWARDED_HEADER, "old-pod:8080");
    return request;
  }

  private static MockHttpServletResponse filter(
      boolean acceptUnsigned, MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new InternalHeadersFilter(AUTH, acceptUnsigned, new ProblemResponses())
        .doFilter(request, response, new MockFilterChain());
    return response;
  }
}
