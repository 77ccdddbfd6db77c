package io.payrail.refund.support;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The refund rules in a dozen lines, to compare the processor with: per order, what was captured
 * and refunded; per refundId, the request that owns it and its final answer.
 */
public final class RefundModel {

  /** The part of an answer the model predicts. */
  public record Answer(
      String refundId,
      RefundStatus status,
      String rejectionCode,
      long amountMinor,
      long refundedTotalMinor) {

    public static Answer of(RefundProcessed event) {
      return new Answer(
          event.getRefundId(),
          event.getStatus(),
          event.getRejectionCode(),
          event.getAmountMinor(),
          event.getRefundedTotalMinor());
    }
  }

  private record Owner(String orderId, Long amountMinor, String currency, Answer answer) {}

  private final Map<String, Long> captured = new HashMap<>();
  private final Map<String, Long> refunded = new HashMap<>();
  private final Map<String, Owner> owners = new HashMap<>();
  private final String currency;

  public RefundModel(String currency) {
    this.currency = currency;
  }

  public void captured(String orderId, long amountMinor) {
    captured.put(orderId, amountMinor);
  }

  public long refunded(String orderId) {
    return refunded.getOrDefault(orderId, 0L);
  }

  public Answer apply(RefundRequested request) {
    String orderId = request.getOrderId();
    Long asked = request.getAmountMinor();
    long refundedSoFar = refunded(orderId);
    Owner owner = owners.get(request.getRefundId());
    if (owner != null) {
      boolean same =
          owner.orderId().equals(orderId)
              && Objects.equals(owner.amountMinor(), asked)
              && Objects.equals(owner.currency(), request.getCurrency());
      return same ? owner.answer() : rejected(request, "idempotency_mismatch", refundedSoFar);
    }
    if (!captured.containsKey(orderId)) {
      return rejected(request, "unknown_order", 0);
    }
    Answer answer;
    if (request.getCurrency() != null && !request.getCurrency().equals(currency)) {
      answer = rejected(request, "currency_mismatch", refundedSoFar);
    } else {
      long remaining = captured.get(orderId) - refundedSoFar;
      long amount = asked == null ? remaining : asked;
      if (amount <= 0 || amount > remaining) {
        answer = rejected(request, "exceeds_remaining", refundedSoFar);
      } else {
        refunded.put(orderId, refundedSoFar + amount);
        answer =
            new Answer(
                request.getRefundId(),
                RefundStatus.COMPLETED,
                null,
                amount,
                refundedSoFar + amount);
      }
    }
    owners.put(request.getRefundId(), new Owner(orderId, asked, request.getCurrency(), answer));
    return answer;
  }

  private static Answer rejected(RefundRequested request, String code, long refundedTotal) {
    Long asked = request.getAmountMinor();
    return new Answer(
        request.getRefundId(),
        RefundStatus.REJECTED,
        code,
        asked == null ? 0 : asked,
        refundedTotal);
  }
}
