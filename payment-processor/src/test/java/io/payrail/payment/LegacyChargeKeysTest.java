package io.payrail.payment;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.key;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.payment.review.ReviewDecisionListener;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rows written before ids were merchant-scoped keep the idempotency key they were (or may have
 * been) charged with, {@code payrail:charge:<orderId>} (V8 backfilled it into {@code charge_key}):
 * their charge after a reviewer's approval and their reconciliation present that stored key to the
 * acquirer, never a re-derived one, or a replay would charge the order a second time and a lookup
 * would find no charge.
 */
class LegacyChargeKeysTest extends PaymentIntegrationTest {

  @Test
  void anOrderHeldBeforeTheSwitchIsChargedUnderItsStoredLegacyKeyWhenApproved() {
    String orderId = newOrderId("legacy-held");
    String legacyKey = "payrail:charge:" + orderId;
    insertPayment(orderId, legacyKey, "HELD_FOR_REVIEW", "tok_visa", now());

    awaitConsumed(ReviewDecisionListener.LISTENER_ID, sendDecision(approve(orderId), null));

    assertThat(paymentRow(key(orderId)))
        .containsEntry("status", "CAPTURED")
        .containsEntry("charge_key", legacyKey);
    assertThat(chargesOf(key(orderId)))
        .singleElement()
        .satisfies(
            charge -> {
              assertThat(charge).containsEntry("idempotency_key", legacyKey);
              assertThat(charge)
                  .containsEntry(
                      "charge_reference", paymentRow(key(orderId)).get("gateway_reference"));
            });
    assertThat(committedPayments(List.of(orderId)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.CAPTURED);
  }

  @Test
  void anUnknownChargeFromBeforeTheSwitchIsReconciledByItsStoredLegacyKey() {
    String orderId = newOrderId("legacy-unknown");
    String legacyKey = "payrail:charge:" + orderId;
    String reference = "ch_legacy_" + UUID.randomUUID().toString().substring(0, 8);
    // The acquirer captured it under the legacy key; the answer never reached the processor.
    insertPayment(orderId, legacyKey, "UNKNOWN", null, now().minusMinutes(1));
    database()
        .update(
            "INSERT INTO simulated_acquirer_charges (idempotency_key, charge_reference, order_id,"
                + " merchant_id, amount_minor, currency, card_brand, card_last4, outcome,"
                + " decline_code, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 'EUR', 'visa', '4242', 'APPROVED', NULL, ?)",
            legacyKey,
            reference,
            orderId,
            MERCHANT,
            AMOUNT_MINOR,
            now().minusMinutes(1));

    await().atMost(PROCESSED_WITHIN).until(() -> committedPayments(List.of(orderId)).size() == 1);

    // Asked by a re-derived key, the acquirer would have had no charge: FAILED gateway_timeout.
    assertThat(paymentRow(key(orderId)))
        .containsEntry("status", "CAPTURED")
        .containsEntry("gateway_reference", reference)
        .containsEntry("charge_key", legacyKey);
    assertThat(history(key(orderId))).containsExactly("UNKNOWN>CAPTURED");
    assertThat(charges(orderId)).isOne();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> committedPayments(List.of(orderId)).size() == 1);
    assertThat(committedPayments(List.of(orderId)).get(0).getGatewayReference())
        .isEqualTo(reference);
  }

  /** A payments row as a release before V8 wrote it, with the key V8 backfilled. */
  private static void insertPayment(
      String orderId, String chargeKey, String status, String token, LocalDateTime at) {
    database()
        .update(
            "INSERT INTO payments (payment_id, charge_key, order_id, customer_id, merchant_id,"
                + " amount_minor, currency, risk_score, risk_decision, status, card_brand,"
                + " card_last4, source_partition, source_offset, created_at, updated_at,"
                + " payment_token)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'EUR', 55, ?, ?, 'visa', '4242', 0, -1, ?, ?, ?)",
            "pay_legacy_" + UUID.randomUUID().toString().substring(0, 8),
            chargeKey,
            orderId,
            "customer-" + orderId,
            MERCHANT,
            AMOUNT_MINOR,
            "HELD_FOR_REVIEW".equals(status) ? "REVIEW" : "APPROVE",
            status,
            at,
            at,
            token);
  }

  private static LocalDateTime now() {
    return LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
  }

  private static ReviewDecided approve(String orderId) {
    return ReviewDecided.newBuilder()
        .setDecisionId(Assessments.newDecisionId())
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setDecision(ReviewOutcome.APPROVE)
        .setReviewer("reviewer-legacy")
        .setNote(null)
        .setDecidedAt(Instant.now())
        .build();
  }
}
