package io.payrail.ingest.refund;

import io.payrail.events.RefundRequested;
import io.payrail.ingest.auth.InternalHeadersFilter;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.request.JsonFields;
import io.payrail.ingest.request.RequestBodies;
import io.payrail.ingest.status.OrderFinder;
import io.payrail.ingest.status.OrderState;
import io.payrail.ingest.status.OrderStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/orders/{orderId}/refunds}: fast pre-checks, then the refund-processor decides.
 */
@RestController
public class RefundController {

  private static final Set<String> FIELDS = Set.of("refundId", "amountMinor", "reason");
  private static final Set<OrderState> REFUNDABLE =
      EnumSet.of(OrderState.PAID, OrderState.PARTIALLY_REFUNDED);

  private final RequestBodies bodies;
  private final OrderFinder finder;
  private final EventPublisher publisher;
  private final Clock clock;

  public RefundController(
      RequestBodies bodies, OrderFinder finder, EventPublisher publisher, Clock clock) {
    this.bodies = bodies;
    this.finder = finder;
    this.publisher = publisher;
    this.clock = clock;
  }

  @RequiresScope(Scope.REFUNDS_WRITE)
  @PostMapping(
      path = "/v1/orders/{orderId}/refunds",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<RefundAccepted> refund(
      @PathVariable String orderId,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    JsonNode body = bodies.readObject(request);
    if (ContractRules.ORDER_ID.problem(orderId) != null) {
      throw new ProblemException(ProblemType.NOT_FOUND, "No such order");
    }
    JsonFields fields = JsonFields.of(body).rejectUnknown(FIELDS);
    String refundId = fields.text("refundId", ContractRules.REFUND_ID);
    Optional<Long> amount =
        fields.optionalLongInRange("amountMinor", 1, ContractRules.MAX_AMOUNT_MINOR);
    String reason = fields.text("reason", ContractRules.REASON);
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION_FAILED,
          "The refund has invalid fields",
          fields.errors(),
          Map.of());
    }
    OrderStatus order =
        finder
            .find(
                orderId,
                merchant,
                request.getHeader(HttpHeaders.AUTHORIZATION),
                InternalHeadersFilter.forwarded(request))
            .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such order"));
    checkRefundable(order, amount);
    RefundRequested refund =
        RefundRequested.newBuilder()
            .setRefundId(refundId)
            .setOrderId(orderId)
            .setMerchantId(merchant.id())
            .setAmountMinor(amount.orElse(null))
            .setCurrency(null)
            .setReason(reason)
            .setRequestedAt(clock.instant())
            .build();
    ProblemException broken =
        ProblemException.ifViolated(
            "The refund has invalid fields", ContractRules.refundRequest(refund));
    if (broken != null) {
      throw broken;
    }
    publisher.publish(
        Topics.REFUND_REQUESTS, OrderKey.of(refund.getMerchantId(), refund.getOrderId()), refund);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/v1/orders/" + orderId))
        .body(new RefundAccepted(refundId, orderId, amount.orElse(null), "REQUESTED"));
  }

  /**
   * Only what the view clearly rules out; refunds still in flight are not in the view, so the
   * refund-processor's ledger check stays the authority (it also rejects a refund beyond {@link
   * ContractRules#MAX_REFUNDS_PER_ORDER} that reaches it past this check).
   */
  private static void checkRefundable(OrderStatus order, Optional<Long> amount) {
    if (order.refunds().size() >= ContractRules.MAX_REFUNDS_PER_ORDER) {
      throw new ProblemException(
          ProblemType.TOO_MANY_REFUNDS,
          "An order can have at most " + ContractRules.MAX_REFUNDS_PER_ORDER + " refunds");
    }
    if (!REFUNDABLE.contains(order.status())) {
      throw new ProblemException(
          ProblemType.ORDER_NOT_PAID, "The order is " + order.status() + ", not paid");
    }
    long remaining = order.refundableMinor();
    if (remaining == 0 || amount.orElse(remaining) > remaining) {
      throw new ProblemException(
          ProblemType.REFUND_EXCEEDS_REMAINING,
          "At most " + remaining + " minor units remain refundable");
    }
  }
}
