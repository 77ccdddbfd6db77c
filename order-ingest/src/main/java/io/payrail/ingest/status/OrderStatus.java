package io.payrail.ingest.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskAssessed;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.List;

/**
 * One order as the status view holds it and {@code GET /v1/orders/{orderId}} shows it. Stored in
 * the view's state store as {@code StoredOrderStatus.avsc} ({@link OrderStatusSerde}): an internal
 * schema, so it may change with the code, compatibly (Avro schema resolution).
 *
 * @param orderId the key
 * @param merchantId whose order this is; only that merchant may read it
 * @param status the current state, or null while only unrelated events (a refund for an order the
 *     view has not seen) exist for the key
 * @param order the order as placed; null until OrderPlaced or RiskAssessed arrived
 * @param risk the risk decision, if made
 * @param payment the payment outcome, if any
 * @param refunds the refund outcomes, one per refundId
 * @param refundedMinor total refunded so far
 * @param history every state the order went through, oldest first
 * @param review the first decision on the held order, null until one was made (or never held)
 */
public record OrderStatus(
    String orderId,
    String merchantId,
    OrderState status,
    Order order,
    Risk risk,
    Payment payment,
    List<Refund> refunds,
    long refundedMinor,
    List<StatusChange> history,
    Review review) {

  public OrderStatus {
    refunds = refunds == null ? List.of() : List.copyOf(refunds);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** A row without a review decision. */
  public OrderStatus(
      String orderId,
      String merchantId,
      OrderState status,
      Order order,
      Risk risk,
      Payment payment,
      List<Refund> refunds,
      long refundedMinor,
      List<StatusChange> history) {
    this(orderId, merchantId, status, order, risk, payment, refunds, refundedMinor, history, null);
  }

  static OrderStatus empty() {
    return new OrderStatus(null, null, null, null, null, null, List.of(), 0, List.of(), null);
  }

  /** When the order was first held for review (entered IN_REVIEW); null when it never was. */
  public Instant heldAt() {
    return history.stream()
        .filter(change -> change.status() == OrderState.IN_REVIEW)
        .map(StatusChange::at)
        .findFirst()
        .orElse(null);
  }

  /** Whether a reviewer may still decide: held, and no decision recorded. */
  public boolean reviewOpen() {
    return status == OrderState.IN_REVIEW && review == null;
  }

  /** Whether the order ever was in {@code state}: a long-poll for APPROVED is done once PAID. */
  public boolean reached(OrderState state) {
    return history.stream().anyMatch(change -> change.status() == state);
  }

  /** What a refund can still take: captured minus refunded, zero when nothing was captured. */
  public long refundableMinor() {
    if (payment == null || !"CAPTURED".equals(payment.status())) {
      return 0;
    }
    return Math.max(0, payment.amountMinor() - refundedMinor);
  }

  public record StatusChange(OrderState status, Instant at) {}

  /**
   * The first decision on the held order, as {@code review-decisions} has it.
   *
   * @param decision APPROVE, REJECT or EXPIRE ({@code ReviewOutcome} by name)
   */
  public record Review(
      String decisionId, String decision, String reviewer, String note, Instant decidedAt) {
    static Review of(ReviewDecided decided) {
      return new Review(
          decided.getDecisionId(),
          decided.getDecision().name(),
          decided.getReviewer(),
          decided.getNote(),
          decided.getDecidedAt());
    }
  }

  /**
   * The order as placed. {@code amountMinor} is the items' total; with a coupon or points, the
   * charge is {@link #chargeMinor()} (the payment's amountMinor is that, once charged).
   *
   * @param coupon the coupon the order claimed, priced; null for none
   * @param pointsToRedeem the loyalty points the order redeems; null for none
   */
  @JsonIgnoreProperties(
      value = {"chargeMinor"},
      allowGetters = true)
  public record Order(
      String customerId,
      long amountMinor,
      String currency,
      List<Item> items,
      PaymentMethod paymentMethod,
      String shippingCountry,
      String channel,
      Instant placedAt,
      Coupon coupon,
      Long pointsToRedeem) {

    /** An order without points. */
    public Order(
        String customerId,
        long amountMinor,
        String currency,
        List<Item> items,
        PaymentMethod paymentMethod,
        String shippingCountry,
        String channel,
        Instant placedAt,
        Coupon coupon) {
      this(
          customerId,
          amountMinor,
          currency,
          items,
          paymentMethod,
          shippingCountry,
          channel,
          placedAt,
          coupon,
          null);
    }

    /** An order without a coupon or points. */
    public Order(
        String customerId,
        long amountMinor,
        String currency,
        List<Item> items,
        PaymentMethod paymentMethod,
        String shippingCountry,
        String channel,
        Instant placedAt) {
      this(
          customerId,
          amountMinor,
          currency,
          items,
          paymentMethod,
          shippingCountry,
          channel,
          placedAt,
          null,
          null);
    }

    public static Order of(OrderPlaced placed) {
      AppliedCoupon coupon = placed.getCoupon();
      return new Order(
          placed.getCustomerId(),
          placed.getAmountMinor(),
          placed.getCurrency(),
          placed.getItems().stream().map(Item::of).toList(),
          new PaymentMethod(
              placed.getPaymentMethod().getToken(),
              placed.getPaymentMethod().getBrand(),
              placed.getPaymentMethod().getLast4(),
              placed.getPaymentMethod().getIssuingCountry()),
          placed.getShippingCountry(),
          placed.getChannel().name(),
          placed.getPlacedAt(),
          coupon == null ? null : new Coupon(coupon.getCode(), coupon.getDiscountMinor()),
          placed.getPointsToRedeem());
    }

    /**
     * What the payment charges: the total minus the coupon's discount and the points' value. The
     * contract's rule ({@link ContractRules#chargeMinor}), applied to the fields it reads, so that
     * the facade never shows another charge than payment-processor makes.
     */
    @JsonProperty("chargeMinor")
    public long chargeMinor() {
      OrderPlaced charged = new OrderPlaced();
      charged.setAmountMinor(amountMinor);
      if (coupon != null) {
        AppliedCoupon applied = new AppliedCoupon();
        applied.setCode(coupon.code());
        applied.setDiscountMinor(coupon.discountMinor());
        charged.setCoupon(applied);
      }
      charged.setPointsToRedeem(pointsToRedeem);
      return ContractRules.chargeMinor(charged);
    }

    /**
     * The same order without its placement time and its coupon's discount: what an idempotent
     * replay must match. The coupon's code and the points count; the discount follows from the
     * coupon, which never changes, and a replay is compared before it is priced.
     */
    public Order withoutPlacedAt() {
      return new Order(
          customerId,
          amountMinor,
          currency,
          items,
          paymentMethod,
          shippingCountry,
          channel,
          null,
          coupon == null ? null : new Coupon(coupon.code(), 0),
          pointsToRedeem);
    }
  }

  /**
   * The coupon an order claimed, as the facade priced it when it accepted the order.
   *
   * @param discountMinor what it takes off the order's total, in minor units
   */
  public record Coupon(String code, long discountMinor) {}

  public record Item(String sku, int quantity, long unitAmountMinor) {
    static Item of(LineItem item) {
      return new Item(item.getSku(), item.getQuantity(), item.getUnitAmountMinor());
    }
  }

  public record PaymentMethod(String token, String brand, String last4, String issuingCountry) {}

  public record Risk(
      int score, String decision, List<Reason> reasons, String rulesVersion, Instant assessedAt) {
    static Risk of(RiskAssessed risk) {
      return new Risk(
          risk.getScore(),
          risk.getDecision().name(),
          risk.getReasons().stream()
              .map(r -> new Reason(r.getRule(), r.getContribution(), r.getDetail()))
              .toList(),
          risk.getRulesVersion(),
          risk.getAssessedAt());
    }
  }

  public record Reason(String rule, int contribution, String detail) {}

  /**
   * The payment's latest outcome.
   *
   * @param amountMinor what was charged (or attempted): the order's {@link Order#chargeMinor()}
   * @param pointsRedeemed the loyalty points the order redeems (spent when CAPTURED, given back by
   *     loyalty for any other final status); 0 without points
   */
  public record Payment(
      String paymentId,
      String status,
      long amountMinor,
      String currency,
      String declineCode,
      String gatewayReference,
      Instant processedAt,
      long pointsRedeemed) {

    /** An outcome without points. */
    public Payment(
        String paymentId,
        String status,
        long amountMinor,
        String currency,
        String declineCode,
        String gatewayReference,
        Instant processedAt) {
      this(paymentId, status, amountMinor, currency, declineCode, gatewayReference, processedAt, 0);
    }

    static Payment of(PaymentProcessed payment) {
      return new Payment(
          payment.getPaymentId(),
          payment.getStatus().name(),
          payment.getAmountMinor(),
          payment.getCurrency(),
          payment.getDeclineCode(),
          payment.getGatewayReference(),
          payment.getProcessedAt(),
          payment.getPointsRedeemed());
    }
  }

  public record Refund(
      String refundId,
      String status,
      long amountMinor,
      String currency,
      String reason,
      String rejectionCode,
      long refundedTotalMinor,
      Instant processedAt) {
    static Refund of(RefundProcessed refund) {
      return new Refund(
          refund.getRefundId(),
          refund.getStatus().name(),
          refund.getAmountMinor(),
          refund.getCurrency(),
          refund.getReason(),
          refund.getRejectionCode(),
          refund.getRefundedTotalMinor(),
          refund.getProcessedAt());
    }
  }
}
