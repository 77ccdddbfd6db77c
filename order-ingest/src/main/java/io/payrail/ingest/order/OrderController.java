package io.payrail.ingest.order;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.CouponDefined;
import io.payrail.events.OrderPlaced;
import io.payrail.ingest.auth.InternalHeadersFilter;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.coupon.CouponPricing;
import io.payrail.ingest.coupon.CouponView;
import io.payrail.ingest.limit.KeyLimits;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.FieldError;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.request.RequestBodies;
import io.payrail.ingest.status.OrderFinder;
import io.payrail.ingest.status.OrderState;
import io.payrail.ingest.status.OrderStatus;
import io.payrail.ingest.status.OrderStatusHeaders;
import io.payrail.ingest.status.OrderStatusView;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.RequestForwarder;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.Violation;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders in ({@code POST /v1/orders}) and their status out ({@code GET /v1/orders/{orderId}}). */
@RestController
@RequestMapping("/v1/orders")
public class OrderController {

  private static final Pattern TIMEOUT = Pattern.compile("([0-9]{1,6})(ms|s)?");
  private static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private final RequestBodies bodies;
  private final OrderFinder finder;
  private final OrderStatusView view;
  private final RequestForwarder forwarder;
  private final EventPublisher publisher;
  private final RecentSubmissions recentSubmissions;
  private final IngestMetrics metrics;
  private final KeyLimits limits;
  private final CouponView coupons;
  private final Clock clock;

  public OrderController(
      RequestBodies bodies,
      OrderFinder finder,
      OrderStatusView view,
      RequestForwarder forwarder,
      EventPublisher publisher,
      RecentSubmissions recentSubmissions,
      IngestMetrics metrics,
      KeyLimits limits,
      CouponView coupons,
      Clock clock) {
    this.bodies = bodies;
    this.finder = finder;
    this.view = view;
    this.forwarder = forwarder;
    this.publisher = publisher;
    this.recentSubmissions = recentSubmissions;
    this.metrics = metrics;
    this.limits = limits;
    this.coupons = coupons;
    this.clock = clock;
  }

  /**
   * Validate, look for an earlier submission of the same orderId by the same merchant (the order is
   * {@link OrderKey}: another merchant's orderId is another order), publish keyed by it, answer
   * once Kafka acknowledged. Idempotency does not wait for the status view (waiting capped POST at
   * ~150/s): the view as it is now answers for everything it has caught up with, and {@link
   * RecentSubmissions} for what this instance accepted before the view caught up. A conflicting
   * resubmission to another instance within the view's lag is published once more and dropped
   * downstream as a duplicate order (first wins); see the README's idempotency section.
   */
  @Operation(
      summary = "Place an order",
      description =
          "Answered once Kafka acknowledged the order. With `coupon`, the answer names the coupon"
              + " with its discount; with `pointsToRedeem`, the loyalty points the order redeems"
              + " (1 point = 1 minor unit; loyalty reserves them before the charge, and refuses"
              + " them, declining the payment with points_unavailable, when the customer has"
              + " fewer). `chargeMinor` is what the payment will charge: amountMinor minus the"
              + " coupon's discount minus the points, at least 1. The same orderId again: the"
              + " first answer (Idempotent-Replayed: true), or 409 when any field, the coupon and"
              + " the points included, differs.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = OrderRequest.class))),
      responses = {
        @ApiResponse(responseCode = "202", description = "The order was published (or replayed)"),
        @ApiResponse(
            responseCode = "400",
            description = "validation-failed",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "409",
            description = "idempotency-conflict: the orderId was used for another order",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "422",
            description =
                "coupon-not-applicable (the condition that failed in detail),"
                    + " points-exceed-charge (the points are worth the charge after the coupon's"
                    + " discount or more; the most that can be redeemed in detail), or"
                    + " card-number-in-request",
            content = @Content(mediaType = "application/problem+json"))
      })
  @RequiresScope(Scope.ORDERS_WRITE)
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<OrderAccepted> place(
      HttpServletRequest request,
      @Parameter(hidden = true) @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant) {
    OrderRequestParser.Parsed parsed =
        OrderRequestParser.parse(bodies.readObject(request), merchant, clock.instant());
    // The order as claimed: its coupon's code, not yet priced. A replay is recognised by that (the
    // discount follows from the coupon, which never changes), so a replay is answered as the first
    // submission was even once the coupon has expired.
    OrderPlaced claimed = claimed(parsed);
    String orderId = claimed.getOrderId();
    OrderStatus.Order submitted = OrderStatus.Order.of(claimed);
    Optional<OrderStatus> inView = viewIfItCanTell(orderId, merchant, request);
    if (inView.isPresent()) {
      OrderStatus.Order first = inView.get().order();
      boolean same = first != null && submitted.withoutPlacedAt().equals(first.withoutPlacedAt());
      return same
          ? replay(
              orderId,
              first.placedAt(),
              first.coupon(),
              first.pointsToRedeem(),
              first.chargeMinor())
          : conflict(orderId);
    }
    Submission submission = Submission.of(claimed);
    AtomicReference<Submission> published = new AtomicReference<>();
    Optional<Submission> recent =
        recentSubmissions.publishOnce(
            new RecentSubmissions.Key(merchant.id(), orderId),
            () -> {
              OrderPlaced priced = priced(parsed, merchant);
              publisher.publish(
                  Topics.ORDERS, OrderKey.of(priced.getMerchantId(), priced.getOrderId()), priced);
              published.set(Submission.of(priced));
              return published.get();
            });
    if (recent.isPresent()) {
      Submission first = recent.get();
      return first.sameOrderAs(submission)
          ? replay(
              orderId,
              first.placedAt(),
              first.coupon(),
              first.pointsToRedeem(),
              first.chargeMinor())
          : conflict(orderId);
    }
    Submission sent = published.get();
    metrics.orderAccepted();
    OrderAccepted answer =
        new OrderAccepted(
            orderId,
            OrderState.RECEIVED,
            claimed.getPlacedAt(),
            sent.coupon(),
            sent.pointsToRedeem(),
            sent.chargeMinor());
    return accepted(answer).body(answer);
  }

  /**
   * The order with the code it claims (discount 0, a placeholder) and its points: what a replay
   * must match.
   */
  private static OrderPlaced claimed(OrderRequestParser.Parsed parsed) {
    if (parsed.couponCode() == null && parsed.pointsToRedeem() == null) {
      return parsed.order();
    }
    return OrderPlaced.newBuilder(parsed.order())
        .setCoupon(
            parsed.couponCode() == null
                ? null
                : AppliedCoupon.newBuilder()
                    .setCode(parsed.couponCode())
                    .setDiscountMinor(0)
                    .build())
        .setPointsToRedeem(parsed.pointsToRedeem())
        .build();
  }

  /**
   * The order as published: with its coupon priced at the order's acceptance time and its points,
   * or a 422 naming why not (nothing is published): {@code coupon-not-applicable} with the
   * condition that failed, {@code points-exceed-charge} when the points would leave less than 1 to
   * charge after the coupon's discount (the contract's rule, {@link ContractRules#order}).
   */
  private OrderPlaced priced(OrderRequestParser.Parsed parsed, Merchant merchant) {
    OrderPlaced withCoupon =
        parsed.couponCode() == null ? parsed.order() : withCoupon(parsed, merchant);
    if (parsed.pointsToRedeem() == null) {
      if (parsed.couponCode() != null) {
        metrics.couponPriced("applied");
      }
      return withCoupon;
    }
    OrderPlaced priced =
        OrderPlaced.newBuilder(withCoupon).setPointsToRedeem(parsed.pointsToRedeem()).build();
    List<Violation> violations = ContractRules.order(priced);
    if (violations.stream().anyMatch(v -> "pointsToRedeem".equals(v.field()))) {
      throw pointsExceedCharge(parsed.pointsToRedeem(), ContractRules.chargeMinor(withCoupon));
    }
    ProblemException broken =
        ProblemException.ifViolated("The order has invalid fields", violations);
    if (broken != null) {
      throw broken;
    }
    if (parsed.couponCode() != null) {
      metrics.couponPriced("applied");
    }
    return priced;
  }

  /** The order with its coupon priced, or a 422 {@code coupon-not-applicable}. */
  private OrderPlaced withCoupon(OrderRequestParser.Parsed parsed, Merchant merchant) {
    OrderPlaced order = parsed.order();
    CouponDefined coupon =
        coupons
            .find(merchant.id(), parsed.couponCode())
            .orElseThrow(() -> notApplicable("the merchant has no coupon " + parsed.couponCode()));
    CouponPricing.Result result =
        CouponPricing.price(
            coupon, order.getAmountMinor(), order.getCurrency(), order.getPlacedAt());
    if (result instanceof CouponPricing.NotApplicable notApplicable) {
      metrics.couponPriced("not_applicable");
      throw notApplicable(notApplicable.condition());
    }
    OrderPlaced priced =
        OrderPlaced.newBuilder(order).setCoupon(((CouponPricing.Applied) result).coupon()).build();
    ProblemException broken =
        ProblemException.ifViolated("The order has invalid fields", ContractRules.order(priced));
    if (broken != null) {
      throw broken;
    }
    return priced;
  }

  /**
   * 422: the points are worth what is left to charge after the coupon's discount, or more; a card
   * payment of 0 does not exist, so at least 1 minor unit is charged. Names the most the order can
   * redeem (its request values are numbers the merchant sent, never a card number).
   *
   * @param chargeBeforePoints {@link ContractRules#chargeMinor} of the order without its points
   */
  private static ProblemException pointsExceedCharge(long points, long chargeBeforePoints) {
    long most = (chargeBeforePoints - 1) / ContractRules.POINT_VALUE_MINOR;
    String allowed = most == 0 ? "no points" : "at most " + most + " points";
    String condition =
        "must be worth less than the charge before points ("
            + chargeBeforePoints
            + " minor units): "
            + allowed;
    return new ProblemException(
        ProblemType.POINTS_EXCEED_CHARGE,
        "pointsToRedeem "
            + points
            + " is worth "
            + points * ContractRules.POINT_VALUE_MINOR
            + " minor units, but the charge before points is "
            + chargeBeforePoints
            + " (amountMinor minus any coupon's discount) and at least 1 minor unit must remain"
            + " to charge: this order can redeem "
            + allowed,
        List.of(new FieldError("pointsToRedeem", condition)),
        Map.of());
  }

  private static ProblemException notApplicable(String condition) {
    return new ProblemException(
        ProblemType.COUPON_NOT_APPLICABLE,
        "Coupon not applicable: " + condition,
        List.of(new FieldError("coupon", condition)),
        Map.of());
  }

  /**
   * The order as the view has it now; empty also while the view cannot answer for the key (it
   * restores, or its partitions move between instances). Orders are accepted meanwhile: {@link
   * RecentSubmissions} still answers replays to this instance, and downstream keeps the first order
   * of an orderId, so a POST never fails because the view is busy.
   */
  private Optional<OrderStatus> viewIfItCanTell(
      String orderId, Merchant merchant, HttpServletRequest request) {
    try {
      return finder.findCurrent(orderId, merchant, request.getHeader(HttpHeaders.AUTHORIZATION));
    } catch (ProblemException unavailable) {
      if (unavailable.type() != ProblemType.UNAVAILABLE) {
        throw unavailable;
      }
      metrics.idempotencyWithoutView();
      return Optional.empty();
    }
  }

  /** 409: the orderId was used for another order. */
  private static ResponseEntity<OrderAccepted> conflict(String orderId) {
    throw new ProblemException(
        ProblemType.IDEMPOTENCY_CONFLICT,
        "orderId " + orderId + " was already submitted with a different body",
        List.of(new FieldError("orderId", "already used for another order")),
        Map.of());
  }

  /** The first answer again. */
  private ResponseEntity<OrderAccepted> replay(
      String orderId,
      Instant firstPlacedAt,
      OrderStatus.Coupon coupon,
      Long pointsToRedeem,
      long chargeMinor) {
    metrics.orderReplayed();
    OrderAccepted answer =
        new OrderAccepted(
            orderId, OrderState.RECEIVED, firstPlacedAt, coupon, pointsToRedeem, chargeMinor);
    return accepted(answer).header(REPLAYED_HEADER, "true").body(answer);
  }

  private static ResponseEntity.BodyBuilder accepted(OrderAccepted answer) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/v1/orders/" + answer.orderId()));
  }

  /**
   * The order and its history. With {@code waitFor}, answers as soon as the order reached that
   * status, or after {@code timeout} with 200, the current status and {@code Payrail-Wait-Outcome:
   * timeout}: a timeout is a normal outcome of a long-poll, and a client that re-polls needs the
   * current state anyway.
   */
  @RequiresScope(Scope.ORDERS_READ)
  @GetMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<ResponseEntity<Object>> status(
      @PathVariable String orderId,
      @RequestParam(required = false) String waitFor,
      @RequestParam(required = false) String timeout,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    Optional<OrderState> awaited = parseWaitFor(waitFor);
    Duration wait = parseTimeout(timeout, awaited.isPresent());
    if (ContractRules.ORDER_ID.problem(orderId) != null) {
      throw notFound();
    }
    // The caller's merchant's order: another merchant's with this orderId is another key. A
    // forward carries the caller's Authorization, so the owner authenticates the same merchant.
    OrderKey order = new OrderKey(merchant.id(), orderId);
    KeyOwner owner = view.ownerOf(order);
    boolean forwarded = InternalHeadersFilter.forwarded(request);
    if (owner instanceof KeyOwner.Remote remote && !forwarded) {
      if (awaited.isEmpty()) {
        return forward(remote, request, wait);
      }
      return holdingALongPollSlot(request, () -> forward(remote, request, wait));
    }
    if (!(owner instanceof KeyOwner.Local local)) {
      throw unavailable();
    }
    // Another instance's POST idempotency check asks for the view as it is, without catching up.
    boolean currentRead = forwarded && request.getHeader(OrderStatusHeaders.CURRENT_READ) != null;
    OrderStatus current =
        (currentRead
                ? view.readCurrent(order, local.partition())
                : view.readLocal(order, local.partition()))
            .orElseThrow(OrderController::notFound);
    if (awaited.isEmpty()) {
      return CompletableFuture.completedFuture(ResponseEntity.ok(current));
    }
    if (current.reached(awaited.get())) {
      return CompletableFuture.completedFuture(
          ResponseEntity.ok().header(OrderStatusHeaders.WAIT_OUTCOME, "reached").body(current));
    }
    long started = System.nanoTime();
    return holdingALongPollSlot(
            request, () -> view.awaitLocal(order, local.partition(), awaited.get(), wait))
        .thenApply(
            waited -> {
              metrics.longPoll(Duration.ofNanos(System.nanoTime() - started), waited.reached());
              return ResponseEntity.ok()
                  .header(OrderStatusHeaders.WAIT_OUTCOME, waited.reached() ? "reached" : "timeout")
                  .body(waited.status());
            });
  }

  /**
   * Takes one of the key's long-poll slots ({@code payrail.ingest.limits.long-polls-per-key}), or
   * answers 429: a wait holds no thread, but each holds a connection, a future and a waiter.
   */
  private <T> CompletableFuture<T> holdingALongPollSlot(
      HttpServletRequest request, Supplier<CompletableFuture<T>> longPoll) {
    String keyId = String.valueOf(request.getAttribute(MerchantAuthFilter.API_KEY_ID));
    if (!limits.tryStartLongPoll(keyId)) {
      throw new ProblemException(
          ProblemType.TOO_MANY_REQUESTS,
          "This API key has as many long-polls waiting as it may; retry when one has returned",
          List.of(),
          Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }
    try {
      return longPoll.get().whenComplete((done, failure) -> limits.endLongPoll(keyId));
    } catch (RuntimeException e) {
      limits.endLongPoll(keyId);
      throw e;
    }
  }

  private CompletableFuture<ResponseEntity<Object>> forward(
      KeyOwner.Remote owner, HttpServletRequest request, Duration wait) {
    String query = request.getQueryString();
    String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
    return forwarder
        .get(
            owner.host(),
            pathAndQuery,
            Map.of(HttpHeaders.AUTHORIZATION, request.getHeader(HttpHeaders.AUTHORIZATION)),
            wait.plus(view.forwardTimeout()))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw unavailable();
              }
              HttpHeaders headers = new HttpHeaders();
              response.headers().forEach(headers::set);
              return ResponseEntity.status(response.status())
                  .headers(headers)
                  .body(response.body());
            });
  }

  private static Optional<OrderState> parseWaitFor(String waitFor) {
    if (waitFor == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OrderState.valueOf(waitFor));
    } catch (IllegalArgumentException e) {
      throw invalidParameter("waitFor", "must be one of " + List.of(OrderState.values()));
    }
  }

  private Duration parseTimeout(String timeout, boolean waiting) {
    if (timeout == null) {
      return view.maxWait();
    }
    Matcher matcher = TIMEOUT.matcher(timeout);
    if (!waiting || !matcher.matches()) {
      throw invalidParameter(
          "timeout", "must be a duration such as 10s or 500ms, and only with waitFor");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration wait =
        "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    if (wait.compareTo(view.maxWait()) > 0) {
      throw invalidParameter("timeout", "must be at most " + view.maxWait().toSeconds() + "s");
    }
    return wait;
  }

  private static ProblemException invalidParameter(String name, String message) {
    return new ProblemException(
        ProblemType.VALIDATION_FAILED,
        "Invalid query parameter " + name,
        List.of(new FieldError(name, message)),
        Map.of());
  }

  static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "No such order");
  }

  private static ProblemException unavailable() {
    return ProblemException.unavailable("The order's partition is moving between instances");
  }
}
