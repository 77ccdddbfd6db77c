package io.payrail.ingest.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel /error, so the errors the servlet container raises itself (a URL it
 * rejects, an error in a filter) are problem details too.
 */
@RestController
public class ProblemErrorController
    implements org.springframework.boot.webmvc.error.ErrorController {

  private final ProblemResponses responses;

  public ProblemErrorController(ProblemResponses responses) {
    this.responses = responses;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  public ResponseEntity<byte[]> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String instance = uri == null ? request.getRequestURI() : uri.toString();
    return responses.entity(typeFor(status), "Request rejected", List.of(), Map.of(), instance);
  }

  private static ProblemType typeFor(int status) {
    return switch (status) {
      case 401 -> ProblemType.UNAUTHORIZED;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.UNAVAILABLE;
      default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
    };
  }
}
