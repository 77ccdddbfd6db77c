package io.payrail.ingest.status;

import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.ForwardedResponse;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.RequestForwarder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds a merchant's order in the whole status view, wherever its partition lives: read locally, or
 * asked of the owning instance with the caller's own credentials (so the owner applies the same
 * merchant check). Another merchant's order is not found.
 */
@Component
public class OrderFinder {

  private final OrderStatusView view;
  private final RequestForwarder forwarder;
  private final JsonMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public OrderFinder(OrderStatusView view, RequestForwarder forwarder) {
    this.view = view;
    this.forwarder = forwarder;
  }

  /**
   * The order with read-your-writes: anything acknowledged before this call is found.
   *
   * @param alreadyForwarded whether this request came from another instance (then never forward)
   */
  public Optional<OrderStatus> find(
      String orderId, Merchant merchant, String authorization, boolean alreadyForwarded) {
    KeyOwner owner = view.ownerOf(orderId);
    if (owner instanceof KeyOwner.Local local) {
      return view.readLocal(orderId, local.partition())
          .filter(status -> merchant.id().equals(status.merchantId()));
    }
    if (owner instanceof KeyOwner.Remote remote && !alreadyForwarded) {
      return askOwner(remote, orderId, Map.of(HttpHeaders.AUTHORIZATION, authorization));
    }
    throw ProblemException.unavailable("The order's partition is moving between instances");
  }

  /**
   * The order as the view holds it now, locally or on its owner, without waiting for the view to
   * catch up with the orders topic: an order acknowledged moments ago may not be found yet. Costs a
   * store read, or one HTTP round trip to the owner.
   */
  public Optional<OrderStatus> findCurrent(
      String orderId, Merchant merchant, String authorization) {
    KeyOwner owner = view.ownerOf(orderId);
    if (owner instanceof KeyOwner.Local local) {
      return view.readCurrent(orderId, local.partition())
          .filter(status -> merchant.id().equals(status.merchantId()));
    }
    if (owner instanceof KeyOwner.Remote remote) {
      return askOwner(
          remote,
          orderId,
          Map.of(
              HttpHeaders.AUTHORIZATION, authorization, OrderStatusHeaders.CURRENT_READ, "true"));
    }
    throw ProblemException.unavailable("The order's partition is moving between instances");
  }

  private Optional<OrderStatus> askOwner(
      KeyOwner.Remote owner, String orderId, Map<String, String> headers) {
    Duration timeout = view.forwardTimeout();
    ForwardedResponse response;
    try {
      response =
          forwarder
              .get(owner.host(), "/v1/orders/" + orderId, headers, timeout)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw ProblemException.unavailable("The instance holding the order did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("Interrupted");
    }
    if (response.status() == HttpStatus.NOT_FOUND.value()) {
      return Optional.empty();
    }
    if (response.status() != HttpStatus.OK.value()) {
      throw ProblemException.unavailable("The instance holding the order could not answer");
    }
    try {
      return Optional.of(mapper.readValue(response.body(), OrderStatus.class));
    } catch (JacksonException e) {
      throw ProblemException.unavailable("The instance holding the order answered unreadably");
    }
  }
}
