package io.payrail.refund.decision;

import io.payrail.events.RefundRequested;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.refund.ledger.PaymentSnapshot;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.refund.ledger.StatusUpdate;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides a batch of requests against the ledger's locked snapshot, in the batch's order (which is
 * each order's request order: requests are keyed by {@code merchantId/orderId}), and what the
 * acquirer's answers and the reconciler's resolutions make of the refunds. Pure: every outcome is a
 * value, and later requests of the batch see the refunds decided by earlier ones.
 */
@Component
public class RefundDecider {

  /** ISO-4217's "no currency", for a rejection that knows neither the order's nor the asked one. */
  static final String NO_CURRENCY = ContractRules.NO_CURRENCY;

  /** Refunds an order keeps at most; the next new refundId is rejected, not kept. */
  static final int MAX_REFUNDS = ContractRules.MAX_REFUNDS_PER_ORDER;

  public List<RefundOutcome> decide(
      List<RefundRequest> requests, LedgerSnapshot snapshot, Instant now) {
    Instant decidedAt = now.truncatedTo(ChronoUnit.MILLIS);
    Map<OrderKey, Long> refunded = new HashMap<>(snapshot.refundedByOrder());
    Map<RefundKey, RefundRow> known = new HashMap<>(snapshot.refundsByKey());
    Map<OrderKey, Integer> kept = new HashMap<>(snapshot.refundCountByOrder());
    List<RefundOutcome> outcomes = new ArrayList<>(requests.size());
    for (RefundRequest request : requests) {
      OrderKey order = request.orderKey();
      // Only the asking merchant's own order: another merchant's order with this orderId is
      // unknown here, its existence is not the caller's business.
      PaymentSnapshot payment = snapshot.paymentsByOrder().get(order);
      long refundedSoFar = refunded.getOrDefault(order, 0L);
      // Only the asking merchant's own refund: another merchant's refund with this refundId is
      // another refund, and this request is decided as new.
      RefundRow earlier = known.get(request.refundKey());
      RefundOutcome outcome =
          earlier == null && kept.getOrDefault(order, 0) >= MAX_REFUNDS
              ? rejected(request, payment, refundedSoFar, RejectionCode.TOO_MANY_REFUNDS, decidedAt)
              : decideOne(request, payment, refundedSoFar, earlier, decidedAt);
      if (outcome.kind() == OutcomeKind.RECORDED) {
        known.put(request.refundKey(), outcome.row());
        refunded.put(order, outcome.row().refundedTotalMinor());
        kept.merge(order, 1, Integer::sum);
      }
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private static RefundOutcome decideOne(
      RefundRequest request,
      PaymentSnapshot payment,
      long refundedSoFar,
      RefundRow kept,
      Instant now) {
    RefundRequested value = request.value();
    String fingerprint = RequestFingerprint.of(value);
    if (kept != null) {
      if (!kept.fingerprint().equals(fingerprint)) {
        return rejected(request, payment, refundedSoFar, RejectionCode.IDEMPOTENCY_MISMATCH, now);
      }
      return new RefundOutcome(request, kept, keptKind(request, kept), payment);
    }
    if (payment == null) {
      return rejected(request, null, refundedSoFar, RejectionCode.UNKNOWN_ORDER, now);
    }
    if (!payment.captured()) {
      return rejected(request, payment, refundedSoFar, RejectionCode.NOT_CAPTURED, now);
    }
    if (value.getCurrency() != null && !value.getCurrency().equals(payment.currency())) {
      return rejected(request, payment, refundedSoFar, RejectionCode.CURRENCY_MISMATCH, now);
    }
    long remaining = payment.capturedAmountMinor() - refundedSoFar;
    long amount = value.getAmountMinor() == null ? remaining : value.getAmountMinor();
    if (amount <= 0 || amount > remaining) {
      return rejected(request, payment, refundedSoFar, RejectionCode.EXCEEDS_REMAINING, now);
    }
    RefundRow reserved =
        row(request, payment, amount, LedgerStatus.PENDING, null, refundedSoFar + amount, now);
    return new RefundOutcome(request, reserved, OutcomeKind.RECORDED, payment);
  }

  /**
   * What a request does with the refund its refundId already has. A reservation of its own is paid
   * back again with the same key (the acquirer answers the key's first refund); a final outcome it
   * gave itself is published again (an earlier attempt committed the database, not Kafka), as is
   * the outcome a repeated request asks for. A refund waiting for the reconciler (UNKNOWN), another
   * request's reservation, or an outcome the reconciler gave (and published) is not answered here.
   */
  private static OutcomeKind keptKind(RefundRequest request, RefundRow kept) {
    boolean own = kept.createdBy(request.partition(), request.offset());
    return switch (kept.status()) {
      case PENDING -> own ? OutcomeKind.RESUMED : OutcomeKind.UNANSWERED;
      case UNKNOWN -> OutcomeKind.UNANSWERED;
      case COMPLETED, REJECTED ->
          own && !kept.finalizedBy(request.source())
              ? OutcomeKind.UNANSWERED
              : OutcomeKind.REPLAYED;
    };
  }

  /**
   * The refunds paid back now moved on by the acquirer's answers: COMPLETED with its reference,
   * finalized by their request, or UNKNOWN (still reserved) where no answer came.
   *
   * @param answers the acquirer's answer by refund, for every outcome that {@link
   *     RefundOutcome#refundsNow()}
   */
  public List<StatusUpdate> gatewayResults(
      List<RefundOutcome> outcomes, Map<RefundKey, RefundResponse> answers, Instant now) {
    List<StatusUpdate> updates = new ArrayList<>();
    for (RefundOutcome outcome : outcomes) {
      if (!outcome.refundsNow()) {
        continue;
      }
      RefundRow row = outcome.row();
      RefundResponse answer = answers.get(row.key());
      RefundRow answered;
      if (answer instanceof RefundResponse.Refunded refunded) {
        answered =
            row.withOutcome(
                LedgerStatus.COMPLETED,
                refunded.reference(),
                null,
                row.refundedTotalMinor(),
                outcome.request().source(),
                now);
      } else if (answer instanceof RefundResponse.Unknown) {
        answered =
            row.withOutcome(LedgerStatus.UNKNOWN, null, null, row.refundedTotalMinor(), null, now);
      } else {
        throw new IllegalStateException("no acquirer answer for " + row.key());
      }
      updates.add(new StatusUpdate(answered, row.status(), StatusUpdate.Cause.ACQUIRER));
    }
    return updates;
  }

  /**
   * An UNKNOWN (or long PENDING) refund moved to what the acquirer did, finalized by {@code
   * source}: COMPLETED with the acquirer's reference, or REJECTED with the resolution's code, its
   * reservation released (the order's refunded total no longer counts it).
   *
   * @throws IllegalArgumentException for an outcome that is not COMPLETED or REJECTED
   */
  public static StatusUpdate resolve(
      RefundRow row, Resolution resolution, SourceRecord source, Instant now) {
    RefundRow resolved =
        switch (LedgerStatus.valueOf(resolution.outcome())) {
          case COMPLETED ->
              row.withOutcome(
                  LedgerStatus.COMPLETED,
                  resolution.reference(),
                  null,
                  row.refundedTotalMinor(),
                  source,
                  now);
          case REJECTED ->
              row.withOutcome(
                  LedgerStatus.REJECTED,
                  null,
                  resolution.code(),
                  row.refundedTotalMinor() - row.amountMinor(),
                  source,
                  now);
          case PENDING, UNKNOWN ->
              throw new IllegalArgumentException("not an outcome: " + resolution.outcome());
        };
    return new StatusUpdate(resolved, row.status(), StatusUpdate.Cause.RECONCILER);
  }

  private static RefundOutcome rejected(
      RefundRequest request,
      PaymentSnapshot payment,
      long refundedSoFar,
      RejectionCode code,
      Instant now) {
    Long asked = request.value().getAmountMinor();
    RefundRow row =
        row(
            request,
            payment,
            asked == null ? 0 : asked,
            LedgerStatus.REJECTED,
            code.code(),
            payment == null ? 0 : refundedSoFar,
            now);
    return new RefundOutcome(
        request, row, code.recorded() ? OutcomeKind.RECORDED : OutcomeKind.NOT_RECORDED, payment);
  }

  private static RefundRow row(
      RefundRequest request,
      PaymentSnapshot payment,
      long amountMinor,
      LedgerStatus status,
      String rejectionCode,
      long refundedTotalMinor,
      Instant now) {
    RefundRequested value = request.value();
    // Derived once, here, for a new row: a rejection never reaches the acquirer, but every row has
    // its key (unique, as the identity it comes from). A kept row keeps the key it has.
    String acquirerKey = request.refundKey().newAcquirerKey();
    String currency =
        payment != null
            ? payment.currency()
            : value.getCurrency() != null ? value.getCurrency() : NO_CURRENCY;
    return new RefundRow(
        value.getRefundId(),
        acquirerKey,
        value.getOrderId(),
        payment == null ? null : payment.paymentId(),
        value.getMerchantId(),
        payment == null ? null : payment.customerId(),
        amountMinor,
        currency,
        status,
        value.getReason(),
        rejectionCode,
        refundedTotalMinor,
        payment == null ? 0 : payment.capturedAmountMinor(),
        null,
        RequestFingerprint.of(value),
        request.partition(),
        request.offset(),
        now,
        now,
        status.isFinal() ? request.source() : null);
  }
}
