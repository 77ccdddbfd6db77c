package io.payrail.payment.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A test acquirer answering by token in the style of Stripe's test cards, with its charges kept in
 * its own table ({@code simulated_acquirer_charges}) so that its idempotency survives a restart of
 * the processor, as a real acquirer's does.
 *
 * <ul>
 *   <li>{@code tok_chargeDeclined}: declined, {@code card_declined}
 *   <li>{@code tok_chargeDeclinedInsufficientFunds}: declined, {@code insufficient_funds}
 *   <li>{@code tok_processingError}: retryable {@code processing_error}, nothing charged
 *   <li>{@code tok_timeout}: no answer within the client timeout, nothing charged
 *   <li>{@code tok_visa} and every other token: approved
 * </ul>
 */
public class SimulatedAcquirer implements PaymentGateway {

  public static final String TOKEN_DECLINED = "tok_chargeDeclined";
  public static final String TOKEN_INSUFFICIENT_FUNDS = "tok_chargeDeclinedInsufficientFunds";
  public static final String TOKEN_PROCESSING_ERROR = "tok_processingError";
  public static final String TOKEN_TIMEOUT = "tok_timeout";

  public static final String CARD_DECLINED = "card_declined";
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  public static final String PROCESSING_ERROR = "processing_error";
  public static final String GATEWAY_TIMEOUT = "gateway_timeout";

  private static final String APPROVED = "APPROVED";
  private static final String DECLINED = "DECLINED";

  private final JdbcClient jdbc;
  private final Duration latency;
  private final Duration clientTimeout;
  private final Clock clock;
  private final Counter newCharges;
  private final Counter replayedCharges;

  public SimulatedAcquirer(
      JdbcClient jdbc, GatewayProperties properties, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.latency = properties.simulated().latency();
    this.clientTimeout = properties.timeout();
    this.clock = clock;
    this.newCharges =
        Counter.builder("payrail.gateway.simulated.charges")
            .description("Charges the simulated acquirer made or answered again by idempotency key")
            .tag("kind", "new")
            .register(meters);
    this.replayedCharges =
        Counter.builder("payrail.gateway.simulated.charges")
            .description("Charges the simulated acquirer made or answered again by idempotency key")
            .tag("kind", "replayed")
            .register(meters);
  }

  @Override
  public GatewayResponse charge(ChargeRequest request) {
    pause(latency);
    switch (request.token()) {
      case TOKEN_PROCESSING_ERROR -> {
        return new GatewayResponse.Retryable(PROCESSING_ERROR);
      }
      case TOKEN_TIMEOUT -> {
        // The acquirer never answers: the client gives up after its timeout.
        pause(clientTimeout);
        return new GatewayResponse.Retryable(GATEWAY_TIMEOUT);
      }
      default -> {
        // Falls through to the idempotent charge below.
      }
    }
    Optional<GatewayResponse> earlier = find(request.idempotencyKey());
    if (earlier.isPresent()) {
      replayedCharges.increment();
      return earlier.get();
    }
    String declineCode =
        switch (request.token()) {
          case TOKEN_DECLINED -> CARD_DECLINED;
          case TOKEN_INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
          default -> null;
        };
    String reference = "ch_sim_" + UUID.randomUUID().toString().replace("-", "");
    try {
      jdbc.sql(
              """
              INSERT INTO simulated_acquirer_charges (idempotency_key, charge_reference, order_id,
                  merchant_id, amount_minor, currency, card_brand, card_last4, outcome,
                  decline_code, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              request.idempotencyKey(),
              reference,
              request.orderId(),
              request.merchantId(),
              request.amountMinor(),
              request.currency(),
              request.cardBrand(),
              request.cardLast4(),
              declineCode == null ? APPROVED : DECLINED,
              declineCode,
              LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException concurrentSameKey) {
      replayedCharges.increment();
      return find(request.idempotencyKey()).orElseThrow(() -> concurrentSameKey);
    }
    newCharges.increment();
    return declineCode == null
        ? new GatewayResponse.Approved(reference)
        : new GatewayResponse.Declined(reference, declineCode);
  }

  private Optional<GatewayResponse> find(String idempotencyKey) {
    return jdbc.sql(
            "SELECT charge_reference, outcome, decline_code FROM simulated_acquirer_charges"
                + " WHERE idempotency_key = ?")
        .param(idempotencyKey)
        .query(SimulatedAcquirer::storedAnswer)
        .optional();
  }

  private static GatewayResponse storedAnswer(ResultSet rs, int rowNum) throws SQLException {
    String reference = rs.getString("charge_reference");
    if (APPROVED.equals(rs.getString("outcome"))) {
      return new GatewayResponse.Approved(reference);
    }
    return new GatewayResponse.Declined(reference, rs.getString("decline_code"));
  }

  private static void pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while simulating acquirer latency", e);
    }
  }
}
