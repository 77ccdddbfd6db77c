package io.payrail.ingest.status;

import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.routing.KeyOwner;
import io.payrail.schemas.keys.OrderKey;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Finds a merchant's order in the whole status view, wherever its partition lives: read locally, or
 * asked of the owning instance with a signed forward that carries the caller's own credentials, so
 * the owner authenticates the same merchant and looks up the same {@link OrderKey}. The order is
 * always {@code OrderKey(authenticated merchant, orderId)}: another merchant's order with the same
 * orderId is another key, and is not found.
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
    OrderKey order = new OrderKey(merchant.id(), orderId);
    KeyOwner owner = view.ownerOf(order);
    if (owner instanceof KeyOwner.Local local) {
      return view.readLocal(order, local.partition());
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
    OrderKey order = new OrderKey(merchant.id(), orderId);
    KeyOwner owner = view.ownerOf(order);
    if (owner instanceof KeyOwner.Local local) {
      return view.readCurrent(order, local.partition());
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
