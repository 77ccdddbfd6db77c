package io.payrail.ingest.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for what it rejects before any servlet runs (an encoded NUL or slash in the
 * path, a path escaping the root, invalid UTF-8): problem+json instead of an HTML page. Tomcat
 * instantiates it by class name, so it cannot use Spring beans.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private final ProblemResponses problems = new ProblemResponses();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    ProblemType type =
        status >= 500
            ? ProblemType.INTERNAL
            : status == 404 ? ProblemType.NOT_FOUND : ProblemType.BAD_REQUEST;
    byte[] body =
        problems.body(type, "The request was rejected by the server", java.util.List.of(), null);
    try {
      response.setStatus(type.status());
      response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone; nothing left to tell the client.
    }
  }
}
