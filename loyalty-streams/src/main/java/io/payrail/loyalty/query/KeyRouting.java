package io.payrail.loyalty.query;

import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a customer's balance lives and how to ask the instance that has it. The only seam between
 * the endpoint and Kafka Streams' key routing: {@link StreamsKeyRouting} implements it here, and
 * adopting the shared routing helper (now in order-ingest) means one new implementation of this
 * interface wrapping its {@code KeyRouter} and {@code RequestForwarder}.
 */
public interface KeyRouting {

  /** Marks a request that one instance already forwarded, so that it is never forwarded again. */
  String FORWARDED_HEADER = "Payrail-Forwarded-By";

  /** The instance that owns the customer's partition of the balance store. */
  Route route(String customerId);

  /**
   * GETs {@code pathAndQuery} (already encoded) from the owner, marked with {@link
   * #FORWARDED_HEADER}.
   *
   * @throws ForwardingException when the owner cannot be reached or does not answer in time
   */
  Forwarded forward(HostInfo owner, String pathAndQuery);

  /** Where a key lives. */
  sealed interface Route {

    /** The partition is active here: read the local store. */
    record Local(int partition) implements Route {}

    /** The partition is active on another instance. */
    record Remote(HostInfo owner) implements Route {}

    /** Nobody can answer now (starting, rebalancing): retry later. */
    record Unavailable(String reason) implements Route {}
  }

  /**
   * What the owner answered, passed on unchanged.
   *
   * @param status its HTTP status
   * @param headers end-to-end headers worth passing on (content type, Retry-After)
   * @param body its body
   */
  record Forwarded(int status, Map<String, String> headers, byte[] body) {}

  /** The owner could not be asked. */
  final class ForwardingException extends RuntimeException {
    public ForwardingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
