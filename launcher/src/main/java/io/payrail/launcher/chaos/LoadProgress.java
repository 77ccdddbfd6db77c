package io.payrail.launcher.chaos;

/**
 * The chaos load's counts.
 *
 * @param ordersSent orders handed to the producer
 * @param ordersAcked orders the broker acknowledged
 * @param ordersPaid orders with their final PaymentProcessed seen (a held order's HELD_FOR_REVIEW
 *     is not final: its outcome comes after the review's decision)
 * @param ordersHeld orders seen held for review, decided or not
 * @param refundRequests refunds asked for (distinct refundIds; some are asked for twice)
 * @param refundAnswers of those, the ones with a RefundProcessed seen
 */
public record LoadProgress(
    int ordersSent,
    int ordersAcked,
    int ordersPaid,
    int ordersHeld,
    int refundRequests,
    int refundAnswers) {

  @Override
  public String toString() {
    return "orders sent %d, acked %d, final %d (%d held for review); refunds requested %d, answered %d"
        .formatted(ordersSent, ordersAcked, ordersPaid, ordersHeld, refundRequests, refundAnswers);
  }
}
