package io.payrail.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a read request to the instance that owns the key, over HTTP, asynchronously. The
 * forwarded request carries {@link #FORWARDED_HEADER}; an instance that receives one for a key it
 * does not own answers "retry later" instead of forwarding again, so metadata that changes during a
 * rebalance can never make requests loop. With an {@link InternalRequestAuth} every forwarded
 * request is signed ({@link InternalRequestAuth#HEADER}), so that the owner can tell it from a
 * client that sets {@link #FORWARDED_HEADER} itself.
 */
public final class RequestForwarder {

  /** Marks a request that one instance already forwarded. */
  public static final String FORWARDED_HEADER = "Payrail-Forwarded-By";

  private final HttpClient client;
  private final HostInfo self;
  private final Set<String> passedOnResponseHeaders;
  private final InternalRequestAuth auth;

  /**
   * An unsigned forwarder, for a query port that only the service's own instances reach.
   *
   * @param client the HTTP client (its connect timeout bounds unreachable owners)
   * @param self this instance, named in {@link #FORWARDED_HEADER}
   * @param passedOnResponseHeaders response headers copied back to the caller (lower case)
   */
  public RequestForwarder(HttpClient client, HostInfo self, Set<String> passedOnResponseHeaders) {
    this(client, self, passedOnResponseHeaders, null);
  }

  /**
   * A forwarder that signs every request with {@code auth}, for instances that serve clients on the
   * same port.
   */
  public RequestForwarder(
      HttpClient client,
      HostInfo self,
      Set<String> passedOnResponseHeaders,
      InternalRequestAuth auth) {
    this.client = client;
    this.self = self;
    this.passedOnResponseHeaders = Set.copyOf(passedOnResponseHeaders);
    this.auth = auth;
  }

  /**
   * GETs {@code pathAndQuery} (already encoded) from {@code owner} with {@code headers}, giving up
   * after {@code timeout}. Fails the future on connection errors and timeouts.
   */
  public CompletableFuture<ForwardedResponse> get(
      HostInfo owner, String pathAndQuery, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
            .timeout(timeout)
            .GET();
    headers.forEach(request::header);
    String from = self.host() + ":" + self.port();
    request.header(FORWARDED_HEADER, from);
    if (auth != null) {
      int query = pathAndQuery.indexOf('?');
      request.header(
          InternalRequestAuth.HEADER,
          query < 0
              ? auth.sign("GET", pathAndQuery, null, from)
              : auth.sign(
                  "GET",
                  pathAndQuery.substring(0, query),
                  pathAndQuery.substring(query + 1),
                  from));
    }
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(this::toForwarded);
  }

  private ForwardedResponse toForwarded(HttpResponse<byte[]> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (passedOnResponseHeaders.contains(name.toLowerCase()) && !values.isEmpty()) {
                headers.put(name, values.get(0));
              }
            });
    return new ForwardedResponse(response.statusCode(), headers, response.body());
  }
}
