package io.payrail.ingest.auth;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.ingest.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer} key and puts the
 * {@link Merchant} in the request attribute {@link #MERCHANT}; answers 401 otherwise.
 */
public final class MerchantAuthFilter extends OncePerRequestFilter {

  public static final String MERCHANT = "io.payrail.ingest.auth.merchant";

  /** The request attribute with {@link MerchantKeys.ApiKey#id()}, for per-key limits. */
  public static final String API_KEY_ID = "io.payrail.ingest.auth.api-key-id";

  /** The request attribute with the key's {@link Scope}s, which {@link ScopeInterceptor} checks. */
  public static final String SCOPES = "io.payrail.ingest.auth.scopes";

  private static final String BEARER = "Bearer ";

  private final MerchantKeys keys;
  private final ProblemResponses problems;

  public MerchantAuthFilter(MerchantKeys keys, ProblemResponses problems) {
    this.keys = keys;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    Optional<MerchantKeys.ApiKey> key;
    try {
      key =
          header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
              ? keys.find(header.substring(BEARER.length()).trim())
              : Optional.empty();
    } catch (ProblemException unavailable) {
      // Before the dispatcher: its problem advice is not there to answer this.
      problems.write(
          response,
          unavailable.type(),
          unavailable.getMessage(),
          unavailable.headers(),
          request.getRequestURI());
      return;
    }
    if (key.isEmpty()) {
      problems.write(
          response,
          ProblemType.UNAUTHORIZED,
          "Send Authorization: Bearer <api key>",
          Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"payrail\""),
          request.getRequestURI());
      return;
    }
    request.setAttribute(MERCHANT, key.get().merchant());
    request.setAttribute(API_KEY_ID, key.get().id());
    request.setAttribute(SCOPES, key.get().scopes());
    chain.doFilter(request, response);
  }
}
