package io.payrail.ingest.auth;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses (403 {@code insufficient-scope}) a request whose key lacks the scope its endpoint
 * declares with {@link RequiresScope}, or any authenticated request to an endpoint that declares
 * none. It runs after {@link MerchantAuthFilter}, which put the key's scopes on the request.
 */
final class ScopeInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    // An error or async dispatch of a request was checked when it came in.
    if (request.getDispatcherType() != DispatcherType.REQUEST
        || request.getAttribute(MerchantAuthFilter.SCOPES) == null
        || !(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
    if (required == null) {
      throw new ProblemException(
          ProblemType.INSUFFICIENT_SCOPE, "This endpoint is not open to API keys");
    }
    if (!(request.getAttribute(MerchantAuthFilter.SCOPES) instanceof Set<?> granted)
        || !granted.contains(required.value())) {
      throw new ProblemException(
          ProblemType.INSUFFICIENT_SCOPE,
          "This API key lacks the scope " + required.value().value());
    }
    return true;
  }
}
