package io.payrail.launcher.chaos;

/**
 * The chaos load's counts.
 *
 * @param ordersSent orders handed to the producer
 * @param ordersAcked orders the broker acknowledged
 * @param ordersPaid orders with a PaymentProcessed seen
 * @param refundRequests refunds asked for (distinct refundIds; some are asked for twice)
 * @param refundAnswers of those, the ones with a RefundProcessed seen
 */
public record LoadProgress(
    int ordersSent, int ordersAcked, int ordersPaid, int refundRequests, int refundAnswers) {

  @Override
  public String toString() {
    return "orders sent %d, acked %d, paid %d; refunds requested %d, answered %d"
        .formatted(ordersSent, ordersAcked, ordersPaid, refundRequests, refundAnswers);
  }
}
