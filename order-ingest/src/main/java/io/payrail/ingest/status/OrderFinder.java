package io.payrail.ingest.status;

import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.KeyOwner;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Finds a merchant's order in the whole status view, wherever its partition lives: read locally, or
 * asked of the owning instance with the caller's own credentials (so the owner applies the same
 * merchant check). Another merchant's order is not found.
 */
@Component
public class OrderFinder {

  private final OrderStatusView view;
  private final InstanceQueries queries;

  public OrderFinder(OrderStatusView view, InstanceQueries queries) {
    this.view = view;
    this.queries = queries;
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
    return queries.get(
        owner.host(), "/v1/orders/" + orderId, headers, OrderStatus.class, "the order");
  }
}
