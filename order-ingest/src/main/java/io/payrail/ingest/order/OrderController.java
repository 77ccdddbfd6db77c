package io.payrail.ingest.order;

import io.payrail.events.OrderPlaced;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
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
import io.payrail.schemas.topics.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
  private final IngestMetrics metrics;
  private final Clock clock;

  public OrderController(
      RequestBodies bodies,
      OrderFinder finder,
      OrderStatusView view,
      RequestForwarder forwarder,
      EventPublisher publisher,
      IngestMetrics metrics,
      Clock clock) {
    this.bodies = bodies;
    this.finder = finder;
    this.view = view;
    this.forwarder = forwarder;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Validate, check the view for an earlier submission of the same orderId (idempotency, from Kafka
   * state), publish, answer once Kafka acknowledged.
   */
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<OrderAccepted> place(
      HttpServletRequest request,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant) {
    OrderPlaced order =
        OrderRequestParser.parse(bodies.readObject(request), merchant, clock.instant());
    Optional<OrderStatus> earlier =
        finder.find(
            order.getOrderId(), merchant, request.getHeader(HttpHeaders.AUTHORIZATION), false);
    if (earlier.isPresent()) {
      return replay(order, merchant, earlier.get());
    }
    publisher.publish(Topics.ORDERS, order.getOrderId(), order);
    metrics.orderAccepted();
    OrderAccepted answer =
        new OrderAccepted(order.getOrderId(), OrderState.RECEIVED, order.getPlacedAt());
    return accepted(answer).body(answer);
  }

  private ResponseEntity<OrderAccepted> replay(
      OrderPlaced order, Merchant merchant, OrderStatus earlier) {
    OrderStatus.Order submitted = OrderStatus.Order.of(order).withoutPlacedAt();
    boolean same =
        merchant.id().equals(earlier.merchantId())
            && earlier.order() != null
            && submitted.equals(earlier.order().withoutPlacedAt());
    if (!same) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_CONFLICT,
          "orderId " + order.getOrderId() + " was already submitted with a different body",
          List.of(new FieldError("orderId", "already used for another order")),
          Map.of());
    }
    metrics.orderReplayed();
    OrderAccepted answer =
        new OrderAccepted(order.getOrderId(), OrderState.RECEIVED, earlier.order().placedAt());
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
  @GetMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<ResponseEntity<Object>> status(
      @PathVariable String orderId,
      @RequestParam(required = false) String waitFor,
      @RequestParam(required = false) String timeout,
      @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    Optional<OrderState> awaited = parseWaitFor(waitFor);
    Duration wait = parseTimeout(timeout, awaited.isPresent());
    if (!OrderIds.valid(orderId)) {
      throw notFound();
    }
    KeyOwner owner = view.ownerOf(orderId);
    if (owner instanceof KeyOwner.Remote remote
        && request.getHeader(RequestForwarder.FORWARDED_HEADER) == null) {
      return forward(remote, request, wait);
    }
    if (!(owner instanceof KeyOwner.Local local)) {
      throw unavailable();
    }
    OrderStatus current =
        view.readLocal(orderId, local.partition())
            .filter(status -> merchant.id().equals(status.merchantId()))
            .orElseThrow(OrderController::notFound);
    if (awaited.isEmpty()) {
      return CompletableFuture.completedFuture(ResponseEntity.ok(current));
    }
    if (current.reached(awaited.get())) {
      return CompletableFuture.completedFuture(
          ResponseEntity.ok().header(OrderStatusHeaders.WAIT_OUTCOME, "reached").body(current));
    }
    long started = System.nanoTime();
    return view.awaitLocal(orderId, local.partition(), awaited.get(), wait)
        .thenApply(
            waited -> {
              metrics.longPoll(Duration.ofNanos(System.nanoTime() - started), waited.reached());
              return ResponseEntity.ok()
                  .header(OrderStatusHeaders.WAIT_OUTCOME, waited.reached() ? "reached" : "timeout")
                  .body(waited.status());
            });
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
    return new ProblemException(
        ProblemType.UNAVAILABLE,
        "The order's partition is moving between instances",
        List.of(),
        Map.of("Retry-After", "1"));
  }
}
