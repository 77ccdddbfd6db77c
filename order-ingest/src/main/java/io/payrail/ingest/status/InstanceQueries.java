package io.payrail.ingest.status;

import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.ForwardedResponse;
import io.payrail.routing.RequestForwarder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks another facade instance for what its part of the view holds, through the signed {@link
 * RequestForwarder}, and reads its JSON answer: 200 is the value, 404 is "not there", anything else
 * (or no answer within {@code forward-timeout}) is 503 for the caller. The one home of this for the
 * order finder, the members view and the open-reviews list.
 */
@Component
public class InstanceQueries {

  private final RequestForwarder forwarder;
  private final Duration timeout;
  private final JsonMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public InstanceQueries(RequestForwarder forwarder, StatusViewProperties properties) {
    this.forwarder = forwarder;
    this.timeout = properties.forwardTimeout();
  }

  /**
   * Asks {@code host} and waits for its answer.
   *
   * @param holder names what is asked for in a 503's detail ("the order", "the customer")
   */
  public <T> Optional<T> get(
      HostInfo host,
      String pathAndQuery,
      Map<String, String> headers,
      Class<T> type,
      String holder) {
    try {
      return ask(host, pathAndQuery, headers, type, holder)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw problem(e.getCause(), holder);
    } catch (TimeoutException e) {
      throw notAnswering(holder);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted");
    }
  }

  /** Asks {@code host}; completes with the value, empty on 404, or a 503 problem. */
  public <T> CompletableFuture<Optional<T>> ask(
      HostInfo host,
      String pathAndQuery,
      Map<String, String> headers,
      Class<T> type,
      String holder) {
    return forwarder
        .get(host, pathAndQuery, headers, timeout)
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw notAnswering(holder);
              }
              return read(response, type, holder);
            });
  }

  /** The 503 a failed {@link #ask} completed with (unwrapped), or one saying nobody answered. */
  public static ProblemException problem(Throwable failure, String holder) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof ProblemException problem ? problem : notAnswering(holder);
  }

  private <T> Optional<T> read(ForwardedResponse response, Class<T> type, String holder) {
    if (response.status() == HttpStatus.NOT_FOUND.value()) {
      return Optional.empty();
    }
    if (response.status() != HttpStatus.OK.value()) {
      throw ProblemException.unavailable("The instance holding " + holder + " could not answer");
    }
    try {
      return Optional.of(mapper.readValue(response.body(), type));
    } catch (JacksonException e) {
      throw ProblemException.unavailable("The instance holding " + holder + " answered unreadably");
    }
  }

  private static ProblemException notAnswering(String holder) {
    return ProblemException.unavailable("The instance holding " + holder + " did not answer");
  }
}
