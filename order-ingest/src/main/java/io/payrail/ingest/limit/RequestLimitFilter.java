package io.payrail.ingest.limit;

import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.ingest.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} (whole seconds, at least 1) and a problem when the request's
 * API key is over its rate; runs right after authentication, before the body is read. Another key's
 * requests are not affected: each key has its own bucket.
 */
public final class RequestLimitFilter extends OncePerRequestFilter {

  private final KeyLimits limits;
  private final ProblemResponses problems;
  private final IngestMetrics metrics;

  public RequestLimitFilter(KeyLimits limits, ProblemResponses problems, IngestMetrics metrics) {
    this.limits = limits;
    this.problems = problems;
    this.metrics = metrics;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object keyId = request.getAttribute(MerchantAuthFilter.API_KEY_ID);
    Optional<Duration> wait =
        keyId == null ? Optional.empty() : limits.tryRequest(keyId.toString());
    if (wait.isPresent()) {
      metrics.rejected("limits", ProblemType.TOO_MANY_REQUESTS.slug());
      problems.write(
          response,
          ProblemType.TOO_MANY_REQUESTS,
          "This API key is over its request rate; retry after the time in Retry-After",
          Map.of(HttpHeaders.RETRY_AFTER, retryAfterSeconds(wait.get())),
          request.getRequestURI());
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whole seconds, rounded up, at least 1 (RFC 9110's delay-seconds). */
  static String retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }
}
