package io.payrail.ingest.auth;

import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.routing.InternalRequestAuth;
import io.payrail.routing.RequestForwarder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Payrail-*} request headers belong to the facade's own instances. A request that carries
 * any of them must also carry a valid {@link InternalRequestAuth#HEADER} signature, and is then
 * marked as forwarded ({@link #FORWARDED_BY}); without one it answers 400 {@code internal-header}.
 * Refusing is one check at the edge; stripping would need every later header read to go through a
 * request wrapper, and a client that sends these headers is mistaken or probing either way.
 */
public final class InternalHeadersFilter extends OncePerRequestFilter {

  /** The request attribute with the forwarding instance (host:port) of a verified forward. */
  public static final String FORWARDED_BY = "io.payrail.ingest.auth.forwarded-by";

  private static final String RESERVED_PREFIX = "payrail-";

  private final InternalRequestAuth auth;
  private final boolean acceptUnsigned;
  private final ProblemResponses problems;

  /**
   * @param acceptUnsigned take an unsigned {@link RequestForwarder#FORWARDED_HEADER} as before
   *     (only while rolling from a version that did not sign)
   */
  public InternalHeadersFilter(
      InternalRequestAuth auth, boolean acceptUnsigned, ProblemResponses problems) {
    this.auth = auth;
    this.acceptUnsigned = acceptUnsigned;
    this.problems = problems;
  }

  /** Whether another facade instance forwarded this request (its signature was verified). */
  public static boolean forwarded(HttpServletRequest request) {
    return request.getAttribute(FORWARDED_BY) != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean reserved =
        Collections.list(request.getHeaderNames()).stream()
            .anyMatch(
                name -> name.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length()));
    if (reserved) {
      Optional<String> sender =
          auth.verify(
              request.getMethod(),
              request.getRequestURI(),
              request.getQueryString(),
              request.getHeader(InternalRequestAuth.HEADER));
      if (sender.isEmpty() && acceptUnsigned) {
        sender = Optional.ofNullable(request.getHeader(RequestForwarder.FORWARDED_HEADER));
      }
      if (sender.isEmpty()) {
        problems.write(
            response,
            ProblemType.INTERNAL_HEADER,
            "Payrail-* request headers are reserved for Payrail's own instances; send none",
            Map.of(),
            request.getRequestURI());
        return;
      }
      request.setAttribute(FORWARDED_BY, sender.get());
    }
    chain.doFilter(request, response);
  }
}
