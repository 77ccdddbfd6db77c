package io.payrail.ingest.problem;

import java.net.URI;

/**
 * Every error the facade answers, each with a stable RFC 9457 {@code type} URI. Clients switch on
 * the type, never on the title or detail text, so a type is never renamed once published.
 */
public enum ProblemType {
  MALFORMED_JSON(400, "malformed-json", "The body is not valid JSON"),
  VALIDATION_FAILED(400, "validation-failed", "The request has invalid fields"),
  BAD_REQUEST(400, "bad-request", "The request cannot be understood"),
  INTERNAL_HEADER(
      400, "internal-header", "Payrail-* request headers are reserved for Payrail's instances"),
  UNAUTHORIZED(401, "unauthorized", "A valid API key is required"),
  INSUFFICIENT_SCOPE(403, "insufficient-scope", "This API key may not make this call"),
  NOT_FOUND(404, "not-found", "No such resource"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
  NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
  REQUEST_TIMEOUT(408, "request-timeout", "The request body did not arrive in time"),
  IDEMPOTENCY_CONFLICT(
      409, "idempotency-conflict", "This orderId was already used with a different request"),
  ORDER_NOT_PAID(409, "order-not-paid", "The order has no captured payment to refund"),
  REFUND_EXCEEDS_REMAINING(
      409, "refund-exceeds-remaining", "The refund is larger than what remains refundable"),
  TOO_MANY_REFUNDS(409, "too-many-refunds", "The order has as many refunds as it can have"),
  NOT_IN_REVIEW(409, "not-in-review", "The order was never held for review"),
  REVIEW_CLOSED(409, "review-closed", "The order's review was already closed by another decision"),
  COUPON_EXISTS(409, "coupon-exists", "The coupon code is already defined differently"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "The body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Send application/json"),
  CARD_NUMBER(422, "card-number-in-request", "Send a payment token, not a card number"),
  COUPON_NOT_APPLICABLE(422, "coupon-not-applicable", "The coupon cannot be applied to this order"),
  POINTS_EXCEED_CHARGE(
      422, "points-exceed-charge", "The points would leave nothing to charge for this order"),
  TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests for this API key"),
  UNAVAILABLE(503, "temporarily-unavailable", "Temporarily unavailable, retry later"),
  INTERNAL(500, "internal-error", "Unexpected server error");

  /** Base of every type URI; documented in the module README. */
  public static final String TYPE_BASE = "https://payrail.io/problems/";

  private final int status;
  private final URI type;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.type = URI.create(TYPE_BASE + slug);
    this.title = title;
  }

  public int status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The last path segment of the type URI, used as a metric tag. */
  public String slug() {
    return type.getPath().substring(type.getPath().lastIndexOf('/') + 1);
  }
}
