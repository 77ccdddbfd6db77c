package io.payrail.ingest.review;

/**
 * The answer to {@code POST /v1/orders/{orderId}/review}: 202 with the decision just recorded, or
 * 200 with the one recorded before when the same decision is sent again.
 *
 * @param decisionId the recorded decision's id (a new random UUID on 202)
 * @param decision APPROVE or REJECT (EXPIRE on a 200 after an expiry never matches a POST)
 * @param status the order's state once the decision is in the view (APPROVED then the payment's
 *     outcome, or REJECTED_BY_REVIEW), which a GET of the order shows from now on
 */
public record ReviewAnswer(String orderId, String decisionId, String decision, String status) {}
