package io.payrail.ingest.status;

import java.time.Instant;
import java.util.List;

/**
 * A held order waiting for a decision, as {@code GET /v1/reviews} lists it and the open-reviews
 * index ({@link OpenReviewIndex}) stores it.
 *
 * @param score the risk score; null while the view has only the payment's hold
 * @param reasons the risk reasons, as on the order's status
 * @param heldAt when the order entered IN_REVIEW; the list's order (oldest first)
 */
public record OpenReview(
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    Integer score,
    List<OrderStatus.Reason> reasons,
    Instant heldAt) {

  public OpenReview {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  /** The entry of a held order; its amount and currency come from the order, else the payment. */
  static OpenReview of(OrderStatus status) {
    OrderStatus.Order order = status.order();
    OrderStatus.Payment payment = status.payment();
    OrderStatus.Risk risk = status.risk();
    return new OpenReview(
        status.orderId(),
        order != null ? order.customerId() : null,
        order != null ? order.amountMinor() : payment != null ? payment.amountMinor() : 0,
        order != null ? order.currency() : payment != null ? payment.currency() : null,
        risk != null ? risk.score() : null,
        risk != null ? risk.reasons() : List.of(),
        status.heldAt());
  }
}
