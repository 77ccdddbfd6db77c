package io.payrail.ingest.request;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection after an answer given before the request's body was read to its end
 * (refused by authentication, the rate limit, the media type, or a body too large or too slow),
 * instead of letting Tomcat read and discard the rest first: it does so at the client's pace, up to
 * {@code max-swallow-size}, so a client trickling a body would hold the request thread long after
 * its answer. The answer says {@code Connection: close} (set here if the answer is not sent yet;
 * the facade's problems set it themselves, see {@code ProblemAdvice}), so that no client reuses the
 * connection; an answer already sent without it keeps Tomcat's behaviour. Requests whose body was
 * read whole keep their connection.
 */
final class UnreadBodyValve extends ValveBase {

  private static final String CONNECTION = "Connection";
  private static final String CLOSE = "close";

  UnreadBodyValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    if (request.isAsyncStarted()) {
      return;
    }
    AtomicBoolean fullyRead = new AtomicBoolean(true);
    request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
    if (fullyRead.get()) {
      return;
    }
    if (!response.isCommitted()) {
      response.setHeader(CONNECTION, CLOSE);
    }
    if (CLOSE.equalsIgnoreCase(response.getHeader(CONNECTION))) {
      request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
  }
}
