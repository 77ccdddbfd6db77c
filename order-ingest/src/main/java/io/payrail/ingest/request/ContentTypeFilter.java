package io.payrail.ingest.request;

import io.payrail.ingest.problem.ProblemResponses;
import io.payrail.ingest.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 for a Content-Type that is not a concrete media type ({@code *}{@code /*}, garbage)
 * before Spring MVC sees it: Spring treats such a header as a programming error (500).
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

  private final ProblemResponses problems;

  public ContentTypeFilter(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType != null && !concrete(contentType)) {
      problems.write(
          response,
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json",
          Map.of(),
          request.getRequestURI());
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean concrete(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
