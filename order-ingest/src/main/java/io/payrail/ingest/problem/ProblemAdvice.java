package io.payrail.ingest.problem;

import io.payrail.ingest.observability.IngestMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception of request handling into problem details. Spring's own 4xx exceptions keep
 * their status; anything else is a bug in the facade and answers 500 with nothing of the request in
 * the log (the body may hold data a client must not have sent).
 */
@RestControllerAdvice
public class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  private final ProblemResponses responses;
  private final IngestMetrics metrics;

  public ProblemAdvice(ProblemResponses responses, IngestMetrics metrics) {
    this.responses = responses;
    this.metrics = metrics;
  }

  @ExceptionHandler(ProblemException.class)
  public ResponseEntity<byte[]> problem(ProblemException problem, HttpServletRequest request) {
    return answer(problem, request);
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<byte[]> anything(Exception exception, HttpServletRequest request) {
    return answer(translate(exception), request);
  }

  private ResponseEntity<byte[]> answer(ProblemException problem, HttpServletRequest request) {
    metrics.rejected(endpoint(request), problem.type().slug());
    ResponseEntity<byte[]> answer = responses.entity(problem, request.getRequestURI());
    if (!bodyReadWhole(request)) {
      // The rest of the body will not be read: the connection closes after this answer.
      return ResponseEntity.status(answer.getStatusCode())
          .headers(answer.getHeaders())
          .header(HttpHeaders.CONNECTION, "close")
          .body(answer.getBody());
    }
    return answer;
  }

  private static boolean bodyReadWhole(HttpServletRequest request) {
    try {
      return request.getInputStream().isFinished();
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  /** Maps framework exceptions onto the facade's problem types. */
  static ProblemException translate(Exception exception) {
    if (exception instanceof ProblemException problem) {
      return problem;
    }
    if (exception instanceof HttpRequestMethodNotSupportedException notAllowed) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (notAllowed.getSupportedHttpMethods() != null) {
        headers.put(
            "Allow",
            String.join(
                ", ",
                notAllowed.getSupportedHttpMethods().stream().map(Object::toString).toList()));
      }
      return new ProblemException(
          ProblemType.METHOD_NOT_ALLOWED,
          "Method " + notAllowed.getMethod() + " is not supported here",
          List.of(),
          headers);
    }
    if (exception instanceof HttpMediaTypeNotSupportedException) {
      return new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
    if (exception instanceof HttpMediaTypeNotAcceptableException) {
      return new ProblemException(
          ProblemType.NOT_ACCEPTABLE, "This resource is available as application/json");
    }
    if (exception instanceof NoHandlerFoundException
        || exception instanceof NoResourceFoundException) {
      return new ProblemException(ProblemType.NOT_FOUND, "No such resource");
    }
    if (exception instanceof TypeMismatchException) {
      return new ProblemException(ProblemType.BAD_REQUEST, "A parameter has the wrong type");
    }
    if (exception instanceof AsyncRequestTimeoutException) {
      return new ProblemException(
          ProblemType.UNAVAILABLE,
          "The request took too long",
          List.of(),
          Map.of("Retry-After", "1"));
    }
    if (exception instanceof ErrorResponse errorResponse
        && errorResponse.getStatusCode().is4xxClientError()) {
      return new ProblemException(
          ProblemType.BAD_REQUEST,
          "The request cannot be processed (" + errorResponse.getStatusCode().value() + ")");
    }
    // Class and stack frames only: the message of an unexpected exception may quote the request.
    RuntimeException withoutMessage = new RuntimeException(exception.getClass().getName());
    withoutMessage.setStackTrace(exception.getStackTrace());
    log.error("Unexpected exception while handling a request", withoutMessage);
    return new ProblemException(ProblemType.INTERNAL, "Unexpected server error");
  }

  private static String endpoint(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri.endsWith("/refunds")) {
      return "refunds";
    }
    if (uri.endsWith("/review")) {
      return "review";
    }
    if (uri.startsWith("/v1/reviews")) {
      return "reviews";
    }
    if (uri.startsWith("/v1/coupons")) {
      return "coupons";
    }
    return uri.startsWith("/v1/orders") ? "orders" : "other";
  }
}
