package io.payrail.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The facade's review queue as the launcher uses it: {@code GET /v1/reviews} and {@code POST
 * /v1/orders/{orderId}/review}, and the {@code review} object of an order's status. Every path,
 * field and answer the demo and the smoke test rely on is named here once, so a change of the API
 * is one change here.
 */
public final class ReviewApi {

  /** The open reviews, oldest first, merchant-scoped by the bearer key. */
  public static final String REVIEWS_PATH = "/v1/reviews";

  /** Query of {@link #REVIEWS_PATH}: open reviews only. */
  public static final String OPEN = "status=open";

  /** The most reviews one page asks for. */
  public static final int PAGE_SIZE = 50;

  /** The page's list of reviews. */
  public static final String REVIEWS_FIELD = "reviews";

  /** The cursor of the next page; null (or absent) on the last page. */
  public static final String NEXT_FIELD = "next";

  /** Answer to a decision on an order whose review a different decision closed before. */
  public static final int CLOSED = 409;

  /** The problem type's last path segment of {@link #CLOSED}. */
  public static final String REVIEW_CLOSED = "review-closed";

  /** A decision accepted now. */
  public static final int ACCEPTED = 202;

  /** The same decision again: answered with the order's current state, nothing changes. */
  public static final int REPEATED = 200;

  /** The order status's object saying who decided its review: decision, reviewer, note. */
  public static final String STATUS_REVIEW_FIELD = "review";

  /** The order status of an order a reviewer rejected or whose hold expired. */
  public static final String REJECTED_BY_REVIEW = "REJECTED_BY_REVIEW";

  /** The order status of an order held for review and not decided yet. */
  public static final String IN_REVIEW = "IN_REVIEW";

  /** The payment status of an order the payments ledger holds for review. */
  public static final String HELD_FOR_REVIEW = "HELD_FOR_REVIEW";

  /** Decline codes of {@link #REJECTED_BY_REVIEW}. */
  public static final String REVIEW_REJECTED = "review_rejected";

  public static final String REVIEW_EXPIRED = "review_expired";

  /** The reviewer the payment-processor's hold expiry decides as. */
  public static final String EXPIRY_REVIEWER = "payrail-hold-expiry";

  /** A decision on a held order, as {@code POST /v1/orders/{orderId}/review} takes it. */
  public enum Decision {
    APPROVE,
    REJECT
  }

  /**
   * One open review of a page.
   *
   * @param reasons the risk rules that held the order
   */
  public record Review(
      String orderId,
      String customerId,
      long amountMinor,
      String currency,
      int score,
      List<String> reasons,
      String heldAt) {}

  /**
   * One page of {@code GET /v1/reviews}.
   *
   * @param next the cursor of the next page, or null on the last
   */
  public record Page(List<Review> reviews, String next) {}

  private ReviewApi() {}

  /** {@code GET} target of the page after {@code cursor} (null: the first page). */
  public static String reviewsPath(String cursor) {
    String path = REVIEWS_PATH + "?" + OPEN + "&limit=" + PAGE_SIZE;
    return cursor == null
        ? path
        : path + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  /** {@code POST} target of a decision on {@code orderId}. */
  public static String decisionPath(String orderId) {
    return "/v1/orders/" + orderId + "/review";
  }

  /** The body of a decision; {@code note} may be null. */
  public static String decisionBody(Decision decision, String reviewer, String note) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("decision", decision.name());
    body.put("reviewer", reviewer);
    if (note != null) {
      body.put("note", note);
    }
    return body.toString();
  }

  /**
   * A page as the facade answers it. A reason is read as text, or as an object's {@code rule} (the
   * shape of an order status's risk reasons), whichever the facade sends.
   */
  public static Page page(JsonNode body) {
    List<Review> reviews = new ArrayList<>();
    for (JsonNode review : body.path(REVIEWS_FIELD)) {
      List<String> reasons = new ArrayList<>();
      for (JsonNode reason : review.path("reasons")) {
        reasons.add(reason.isTextual() ? reason.asText() : reason.path("rule").asText());
      }
      reviews.add(
          new Review(
              review.path("orderId").asText(),
              review.path("customerId").asText(),
              review.path("amountMinor").asLong(),
              review.path("currency").asText(),
              review.path("score").asInt(),
              List.copyOf(reasons),
              review.path("heldAt").asText(null)));
    }
    JsonNode next = body.path(NEXT_FIELD);
    return new Page(
        List.copyOf(reviews), next.isTextual() && !next.asText().isEmpty() ? next.asText() : null);
  }

  /** The decision an order's status says its review got (APPROVE, REJECT, EXPIRE), or null. */
  public static String decisionOf(JsonNode orderStatus) {
    JsonNode decision = orderStatus.path(STATUS_REVIEW_FIELD).path("decision");
    return decision.isTextual() ? decision.asText() : null;
  }
}
