package io.payrail.ingest.review;

import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.ingest.auth.InternalHeadersFilter;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.auth.MerchantAuthFilter;
import io.payrail.ingest.auth.RequiresScope;
import io.payrail.ingest.auth.Scope;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.FieldError;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The review queue of held orders (issue 17): {@code GET /v1/reviews} lists a merchant's open
 * reviews, {@code POST /v1/orders/{orderId}/review} decides one. The decision is published to
 * {@code review-decisions}; the payment-processor acts on it, and the status view shows it. Only
 * the first decision on an order counts, everywhere.
 */
@RestController
public class ReviewController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;

  private static final Set<String> FIELDS = Set.of("decision", "reviewer", "note");
  private static final List<String> DECISIONS =
      List.of(ReviewOutcome.APPROVE.name(), ReviewOutcome.REJECT.name());
  private static final String OPEN = "open";

  private final RequestBodies bodies;
  private final OrderFinder finder;
  private final ReviewQueue queue;
  private final EventPublisher publisher;
  private final IngestMetrics metrics;
  private final Clock clock;

  public ReviewController(
      RequestBodies bodies,
      OrderFinder finder,
      ReviewQueue queue,
      EventPublisher publisher,
      IngestMetrics metrics,
      Clock clock) {
    this.bodies = bodies;
    this.finder = finder;
    this.queue = queue;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Operation(
      summary = "The merchant's open reviews, oldest first",
      description =
          "Held orders waiting for a decision, from every instance of the facade. Needs the key"
              + " scope reviews:read. Pass `next` as `cursor` for the following page.",
      responses = {
        @ApiResponse(responseCode = "200", description = "A page of open reviews"),
        @ApiResponse(
            responseCode = "400",
            description = "status other than open, a bad limit or cursor",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "403",
            description = "insufficient-scope",
            content = @Content(mediaType = "application/problem+json"))
      })
  @RequiresScope(Scope.REVIEWS_READ)
  @GetMapping(path = "/v1/reviews", produces = MediaType.APPLICATION_JSON_VALUE)
  public ReviewPage openReviews(
      @Parameter(
              description = "Only open is supported",
              schema =
                  @Schema(
                      allowableValues = {"open"},
                      defaultValue = "open"))
          @RequestParam(required = false)
          String status,
      @Parameter(
              description = "Page size, 1 to " + MAX_LIMIT,
              schema =
                  @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "100"))
          @RequestParam(required = false)
          String limit,
      @Parameter(description = "The `next` of the previous page (opaque)")
          @RequestParam(required = false)
          String cursor,
      @Parameter(hidden = true) @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    if (status != null && !OPEN.equals(status)) {
      throw invalidParameter("status", "only open is supported");
    }
    int size = parseLimit(limit);
    Optional<ReviewCursor> after = Optional.empty();
    if (cursor != null) {
      after = ReviewCursor.parse(cursor);
      if (after.isEmpty()) {
        throw invalidParameter("cursor", "is not a cursor this API returned");
      }
    }
    return queue.open(
        merchant,
        after,
        size,
        request.getHeader(HttpHeaders.AUTHORIZATION),
        InternalHeadersFilter.forwarded(request));
  }

  @Operation(
      summary = "Approve or reject a held order",
      description =
          "Needs the key scope reviews:write. The first decision on an order counts: the same"
              + " decision again answers 200 with the recorded one, another decision 409"
              + " review-closed.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = ReviewRequest.class))),
      responses = {
        @ApiResponse(responseCode = "202", description = "The decision was published"),
        @ApiResponse(
            responseCode = "200",
            description = "The same decision was already recorded; nothing published"),
        @ApiResponse(
            responseCode = "400",
            description = "validation-failed",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "403",
            description = "insufficient-scope",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "404",
            description = "No such order of this merchant",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "409",
            description = "not-in-review (never held) or review-closed (decided otherwise)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "422",
            description = "card-number-in-request",
            content = @Content(mediaType = "application/problem+json"))
      })
  @RequiresScope(Scope.REVIEWS_WRITE)
  @PostMapping(
      path = "/v1/orders/{orderId}/review",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ReviewAnswer> decide(
      @PathVariable String orderId,
      @Parameter(hidden = true) @RequestAttribute(MerchantAuthFilter.MERCHANT) Merchant merchant,
      HttpServletRequest request) {
    JsonNode body = bodies.readObject(request);
    if (ContractRules.ORDER_ID.problem(orderId) != null) {
      throw notFound();
    }
    JsonFields fields = JsonFields.of(body).rejectUnknown(FIELDS);
    ReviewOutcome decision = decision(body, fields);
    String reviewer = fields.text("reviewer", ContractRules.REVIEWER);
    Optional<String> note = fields.optionalText("note", ContractRules.REVIEW_NOTE);
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION_FAILED,
          "The decision has invalid fields",
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
            .orElseThrow(ReviewController::notFound);
    OrderStatus.Review recorded = order.review();
    if (recorded != null) {
      if (!recorded.decision().equals(decision.name())) {
        throw new ProblemException(
            ProblemType.REVIEW_CLOSED,
            "The review was already closed: "
                + recorded.decision()
                + " at "
                + recorded.decidedAt());
      }
      metrics.reviewDecision(decision.name(), "repeated");
      return ResponseEntity.ok(
          new ReviewAnswer(
              orderId, recorded.decisionId(), recorded.decision(), order.status().name()));
    }
    if (!order.reviewOpen()) {
      if (order.heldAt() == null) {
        throw new ProblemException(
            ProblemType.NOT_IN_REVIEW, "The order is " + order.status() + " and was never held");
      }
      throw new ProblemException(
          ProblemType.REVIEW_CLOSED, "The order's hold ended: it is " + order.status());
    }
    if (order.payment() == null) {
      // Risk held the order, but the payments ledger has not recorded the hold yet (a moment):
      // a decision reaching the payment-processor before its hold would be dead-lettered.
      throw new ProblemException(
          ProblemType.UNAVAILABLE,
          "The hold is being recorded; retry in a moment",
          List.of(),
          Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }
    ReviewDecided decided =
        ReviewDecided.newBuilder()
            .setDecisionId(UUID.randomUUID().toString())
            .setOrderId(orderId)
            .setMerchantId(merchant.id())
            .setDecision(decision)
            .setReviewer(reviewer)
            .setNote(note.orElse(null))
            .setDecidedAt(clock.instant())
            .build();
    ProblemException broken =
        ProblemException.ifViolated(
            "The decision has invalid fields", ContractRules.reviewDecision(decided));
    if (broken != null) {
      throw broken;
    }
    publisher.publish(
        Topics.REVIEW_DECISIONS,
        OrderKey.of(decided.getMerchantId(), decided.getOrderId()),
        decided);
    metrics.reviewDecision(decision.name(), "accepted");
    OrderState next =
        decision == ReviewOutcome.APPROVE ? OrderState.APPROVED : OrderState.REJECTED_BY_REVIEW;
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/v1/orders/" + orderId))
        .body(new ReviewAnswer(orderId, decided.getDecisionId(), decision.name(), next.name()));
  }

  /** APPROVE or REJECT; EXPIRE is the hold expiry's, never a reviewer's. */
  private static ReviewOutcome decision(JsonNode body, JsonFields fields) {
    JsonNode decision = body.get("decision");
    if (decision == null || decision.isNull()) {
      fields.error("decision", "is required");
    } else if (!decision.isString() || !DECISIONS.contains(decision.stringValue())) {
      fields.error("decision", "must be one of " + DECISIONS);
    } else {
      return ReviewOutcome.valueOf(decision.stringValue());
    }
    return null;
  }

  private static int parseLimit(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (!limit.matches("[0-9]{1,3}")) {
      throw invalidParameter("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
    int size = Integer.parseInt(limit);
    if (size < 1 || size > MAX_LIMIT) {
      throw invalidParameter("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
    return size;
  }

  private static ProblemException invalidParameter(String name, String message) {
    return new ProblemException(
        ProblemType.VALIDATION_FAILED,
        "Invalid query parameter " + name,
        List.of(new FieldError(name, message)),
        Map.of());
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "No such order");
  }
}
