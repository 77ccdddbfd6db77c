package io.payrail.acquirer.simulated;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.charge.BatchPaymentGateway;
import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.gateway.charge.GatewayResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The simulated acquirer's charges: answers by token in the style of Stripe's test cards, with its
 * charges kept in its own table ({@code simulated_acquirer_charges}) so that its idempotency
 * survives a restart of the processor, as a real acquirer's does.
 *
 * <ul>
 *   <li>{@code tok_chargeDeclined}: declined, {@code card_declined}
 *   <li>{@code tok_chargeDeclinedInsufficientFunds}: declined, {@code insufficient_funds}
 *   <li>{@code tok_processingError}: retryable {@code processing_error}, nothing charged
 *   <li>{@code tok_timeout}: no answer within the client timeout, nothing charged
 *   <li>{@code tok_timeoutAfterCapture}: charged (approved), but every answer is lost: the client
 *       times out; {@link #lookup} finds the charge
 *   <li>{@code tok_timeoutAfterDecline}: declined ({@code card_declined}), every answer lost
 *   <li>{@code tok_visa} and every other token: approved
 * </ul>
 *
 * <p>While a fault window is open ({@link AcquirerFaults}), a share of the charges go unanswered
 * whatever their token: the request lost (nothing charged) or the answer lost (charged or declined
 * as the token says); the client times out either way.
 *
 * <p>It offers a batch call as well ({@link BatchPaymentGateway}): one round trip of the simulated
 * latency per batch, one lookup of the batch's idempotency keys and one multi-row insert of its new
 * charges. A batch that races another writer on a key falls back to charging one by one, which
 * finds the other writer's answer.
 */
public class SimulatedCharges implements BatchPaymentGateway {

  public static final String TOKEN_DECLINED = "tok_chargeDeclined";
  public static final String TOKEN_INSUFFICIENT_FUNDS = "tok_chargeDeclinedInsufficientFunds";
  public static final String TOKEN_PROCESSING_ERROR = "tok_processingError";
  public static final String TOKEN_TIMEOUT = "tok_timeout";
  public static final String TOKEN_TIMEOUT_AFTER_CAPTURE = "tok_timeoutAfterCapture";
  public static final String TOKEN_TIMEOUT_AFTER_DECLINE = "tok_timeoutAfterDecline";

  public static final String CARD_DECLINED = "card_declined";
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  public static final String PROCESSING_ERROR = "processing_error";
  public static final String GATEWAY_TIMEOUT = "gateway_timeout";

  private static final String APPROVED = "APPROVED";
  private static final String DECLINED = "DECLINED";

  private static final String SELECT_BY_KEYS =
      """
      SELECT idempotency_key, charge_reference, outcome, decline_code
        FROM simulated_acquirer_charges
       WHERE idempotency_key IN (:keys)
      """;

  private static final String INSERT_CHARGE =
      """
      INSERT INTO simulated_acquirer_charges (idempotency_key, charge_reference, order_id,
          merchant_id, amount_minor, currency, card_brand, card_last4, outcome, decline_code,
          created_at)
      VALUES (:idempotencyKey, :reference, :orderId, :merchantId, :amountMinor, :currency,
          :cardBrand, :cardLast4, :outcome, :declineCode, :createdAt)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final Duration latency;
  private final Duration clientTimeout;
  private final AcquirerFaults faults;
  private final Clock clock;
  private final Counter newCharges;
  private final Counter replayedCharges;

  public SimulatedCharges(
      NamedParameterJdbcTemplate jdbc,
      SimulatedAcquirerProperties properties,
      AcquirerFaults faults,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.latency = properties.latency();
    this.clientTimeout = properties.lostAnswerAfter();
    this.faults = faults;
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
  public List<GatewayResponse> chargeBatch(List<ChargeRequest> requests) {
    pause(latency);
    List<AcquirerFaults.Fault> windowFaults =
        requests.stream().map(request -> faults.faultFor(request.idempotencyKey())).toList();
    if (requests.stream().anyMatch(request -> answerLost(request.token()))
        || windowFaults.stream().anyMatch(fault -> fault != AcquirerFaults.Fault.NONE)) {
      pause(clientTimeout);
    }
    Map<String, GatewayResponse> earlier =
        find(requests.stream().map(ChargeRequest::idempotencyKey).toList());
    Map<String, GatewayResponse> answers = new HashMap<>(earlier);
    List<SqlParameterSource> inserts = new ArrayList<>();
    List<GatewayResponse> responses = new ArrayList<>(requests.size());
    int replayed = 0;
    for (int i = 0; i < requests.size(); i++) {
      ChargeRequest request = requests.get(i);
      AcquirerFaults.Fault fault = windowFaults.get(i);
      if (fault == AcquirerFaults.Fault.LOST_REQUEST) {
        responses.add(new GatewayResponse.Unknown(GATEWAY_TIMEOUT));
        continue;
      }
      GatewayResponse response =
          switch (request.token()) {
            case TOKEN_PROCESSING_ERROR -> new GatewayResponse.Retryable(PROCESSING_ERROR);
            case TOKEN_TIMEOUT -> new GatewayResponse.Unknown(GATEWAY_TIMEOUT);
            default -> null;
          };
      if (response == null) {
        response = answers.get(request.idempotencyKey());
        if (response != null) {
          replayed++;
        } else {
          NewCharge charge = newCharge(request);
          inserts.add(charge.row());
          response = charge.answer();
          answers.put(request.idempotencyKey(), response);
        }
        if (answerLost(request.token())) {
          response = new GatewayResponse.Unknown(GATEWAY_TIMEOUT);
        }
      }
      if (fault == AcquirerFaults.Fault.LOST_ANSWER) {
        response = new GatewayResponse.Unknown(GATEWAY_TIMEOUT);
      }
      responses.add(response);
    }
    try {
      if (!inserts.isEmpty()) {
        jdbc.batchUpdate(INSERT_CHARGE, inserts.toArray(SqlParameterSource[]::new));
      }
    } catch (DuplicateKeyException concurrentSameKey) {
      return requests.stream().map(this::charge).toList();
    }
    newCharges.increment(inserts.size());
    replayedCharges.increment(replayed);
    return responses;
  }

  @Override
  public GatewayResponse charge(ChargeRequest request) {
    pause(latency);
    AcquirerFaults.Fault fault = faults.faultFor(request.idempotencyKey());
    if (fault == AcquirerFaults.Fault.LOST_REQUEST || TOKEN_TIMEOUT.equals(request.token())) {
      // The request never arrives: the client gives up after its timeout.
      pause(clientTimeout);
      return new GatewayResponse.Unknown(GATEWAY_TIMEOUT);
    }
    GatewayResponse answer =
        TOKEN_PROCESSING_ERROR.equals(request.token())
            ? new GatewayResponse.Retryable(PROCESSING_ERROR)
            : chargeOne(request);
    if (fault == AcquirerFaults.Fault.LOST_ANSWER || answerLost(request.token())) {
      // The acquirer did what was asked, its answer is lost: the client gives up after its timeout.
      pause(clientTimeout);
      return new GatewayResponse.Unknown(GATEWAY_TIMEOUT);
    }
    return answer;
  }

  /** The idempotent charge of one request, after the latency. */
  private GatewayResponse chargeOne(ChargeRequest request) {
    GatewayResponse earlier = find(List.of(request.idempotencyKey())).get(request.idempotencyKey());
    if (earlier != null) {
      replayedCharges.increment();
      return earlier;
    }
    NewCharge charge = newCharge(request);
    try {
      jdbc.update(INSERT_CHARGE, charge.row());
    } catch (DuplicateKeyException concurrentSameKey) {
      replayedCharges.increment();
      GatewayResponse first = find(List.of(request.idempotencyKey())).get(request.idempotencyKey());
      if (first == null) {
        throw concurrentSameKey;
      }
      return first;
    }
    newCharges.increment();
    return charge.answer();
  }

  /** A charge the acquirer has not seen before: its row and its answer. */
  private record NewCharge(SqlParameterSource row, GatewayResponse answer) {}

  private NewCharge newCharge(ChargeRequest request) {
    String declineCode =
        switch (request.token()) {
          case TOKEN_DECLINED, TOKEN_TIMEOUT_AFTER_DECLINE -> CARD_DECLINED;
          case TOKEN_INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
          default -> null;
        };
    String reference = "ch_sim_" + UUID.randomUUID().toString().replace("-", "");
    SqlParameterSource row =
        new MapSqlParameterSource()
            .addValue("idempotencyKey", request.idempotencyKey())
            .addValue("reference", reference)
            .addValue("orderId", request.orderId())
            .addValue("merchantId", request.merchantId())
            .addValue("amountMinor", request.amountMinor())
            .addValue("currency", request.currency())
            .addValue("cardBrand", request.cardBrand())
            .addValue("cardLast4", request.cardLast4())
            .addValue("outcome", declineCode == null ? APPROVED : DECLINED)
            .addValue("declineCode", declineCode)
            .addValue("createdAt", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    GatewayResponse answer =
        declineCode == null
            ? new GatewayResponse.Approved(reference)
            : new GatewayResponse.Declined(reference, declineCode);
    return new NewCharge(row, answer);
  }

  @Override
  public Optional<GatewayResponse> lookup(String idempotencyKey) {
    pause(latency);
    return Optional.ofNullable(find(List.of(idempotencyKey)).get(idempotencyKey));
  }

  private static boolean answerLost(String token) {
    return TOKEN_TIMEOUT.equals(token)
        || TOKEN_TIMEOUT_AFTER_CAPTURE.equals(token)
        || TOKEN_TIMEOUT_AFTER_DECLINE.equals(token);
  }

  /** The first answers given to these idempotency keys, by key. */
  private Map<String, GatewayResponse> find(List<String> idempotencyKeys) {
    if (idempotencyKeys.isEmpty()) {
      return Map.of();
    }
    Map<String, GatewayResponse> answers = new HashMap<>();
    jdbc.query(
        SELECT_BY_KEYS,
        new MapSqlParameterSource("keys", idempotencyKeys),
        (RowCallbackHandler)
            rs -> answers.put(rs.getString("idempotency_key"), storedAnswer(rs, rs.getRow())));
    return answers;
  }

  private static GatewayResponse storedAnswer(ResultSet rs, int rowNum) throws SQLException {
    String reference = rs.getString("charge_reference");
    if (APPROVED.equals(rs.getString("outcome"))) {
      return new GatewayResponse.Approved(reference);
    }
    return new GatewayResponse.Declined(reference, rs.getString("decline_code"));
  }

  static void pause(Duration duration) {
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
