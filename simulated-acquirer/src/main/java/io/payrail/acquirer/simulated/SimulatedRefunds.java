package io.payrail.acquirer.simulated;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.IdempotencyKeyReusedException;
import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundGateway;
import io.payrail.gateway.refund.RefundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated acquirer's refunds: pays back, keeping its refunds in its own table ({@code
 * simulated_acquirer_refunds}, unique by idempotency key) so that its idempotency survives a
 * restart of the processor, as a real acquirer's does. It writes in a transaction of its own: what
 * the acquirer did stays done when the ledger's transaction rolls back, exactly the case its
 * idempotency exists for. The merchant's reason picks a fault, as the charge tokens do:
 *
 * <ul>
 *   <li>{@code sim_timeout}: the request never arrives, nothing is paid back; the client times out
 *   <li>{@code sim_timeoutAfterRefund}: paid back, but every answer is lost: the client times out;
 *       {@link #lookup} finds the refund
 *   <li>any other reason: paid back
 * </ul>
 *
 * <p>While a fault window is open ({@link AcquirerFaults}), a share of the refunds go unanswered
 * whatever their reason: the request lost (nothing paid back) or the answer lost (paid back); the
 * client times out either way.
 */
public class SimulatedRefunds implements RefundGateway {

  public static final String REASON_TIMEOUT = "sim_timeout";
  public static final String REASON_TIMEOUT_AFTER_REFUND = "sim_timeoutAfterRefund";

  private final JdbcClient jdbc;
  private final Duration latency;
  private final Duration clientTimeout;
  private final AcquirerFaults faults;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Counter newRefunds;
  private final Counter replayedRefunds;

  public SimulatedRefunds(
      JdbcClient jdbc,
      DataSource dataSource,
      SimulatedAcquirerProperties properties,
      AcquirerFaults faults,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.latency = properties.latency();
    this.clientTimeout = properties.lostAnswerAfter();
    this.faults = faults;
    this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.newRefunds = counter(meters, "new");
    this.replayedRefunds = counter(meters, "replayed");
  }

  @Override
  public RefundResponse refund(GatewayRefundRequest request) {
    SimulatedCharges.pause(latency);
    AcquirerFaults.Fault fault = faults.faultFor(request.idempotencyKey());
    if (fault == AcquirerFaults.Fault.LOST_REQUEST || REASON_TIMEOUT.equals(request.reason())) {
      // The request never arrives: the client gives up after its timeout.
      SimulatedCharges.pause(clientTimeout);
      return new RefundResponse.Unknown(SimulatedCharges.GATEWAY_TIMEOUT);
    }
    RefundResponse.Refunded answer = ownTransaction.execute(status -> refundOnce(request));
    (answer.replayed() ? replayedRefunds : newRefunds).increment();
    if (fault == AcquirerFaults.Fault.LOST_ANSWER
        || REASON_TIMEOUT_AFTER_REFUND.equals(request.reason())) {
      // Paid back, but the answer is lost: the client gives up after its timeout.
      SimulatedCharges.pause(clientTimeout);
      return new RefundResponse.Unknown(SimulatedCharges.GATEWAY_TIMEOUT);
    }
    return answer;
  }

  @Override
  public Optional<RefundResponse.Refunded> lookup(String idempotencyKey) {
    SimulatedCharges.pause(latency);
    return jdbc.sql(
            "SELECT refund_reference FROM simulated_acquirer_refunds WHERE idempotency_key = ?")
        .param(idempotencyKey)
        .query((rs, n) -> new RefundResponse.Refunded(rs.getString("refund_reference"), true))
        .optional();
  }

  /** How many refunds this acquirer has paid back (not answered again), in this process. */
  public double refundsPaid() {
    return newRefunds.count();
  }

  private RefundResponse.Refunded refundOnce(GatewayRefundRequest request) {
    String reference = "re_" + UUID.randomUUID().toString().replace("-", "");
    try {
      jdbc.sql(
              "INSERT INTO simulated_acquirer_refunds (idempotency_key, refund_reference,"
                  + " charge_reference, order_id, amount_minor, currency, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              request.idempotencyKey(),
              reference,
              request.chargeReference(),
              request.orderId(),
              request.amountMinor(),
              request.currency(),
              LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
          .update();
      return new RefundResponse.Refunded(reference, false);
    } catch (DuplicateKeyException alreadyRefunded) {
      return firstAnswer(request);
    }
  }

  private RefundResponse.Refunded firstAnswer(GatewayRefundRequest request) {
    record Earlier(String reference, long amountMinor, String currency) {}
    Earlier earlier =
        jdbc.sql(
                "SELECT refund_reference, amount_minor, currency FROM simulated_acquirer_refunds"
                    + " WHERE idempotency_key = ?")
            .param(request.idempotencyKey())
            .query(
                (rs, n) ->
                    new Earlier(
                        rs.getString("refund_reference"),
                        rs.getLong("amount_minor"),
                        rs.getString("currency")))
            .single();
    if (earlier.amountMinor() != request.amountMinor()
        || !earlier.currency().equals(request.currency())) {
      throw new IdempotencyKeyReusedException(
          "refund key "
              + request.idempotencyKey()
              + " was used for "
              + earlier.amountMinor()
              + " "
              + earlier.currency());
    }
    return new RefundResponse.Refunded(earlier.reference(), true);
  }

  private static Counter counter(MeterRegistry meters, String kind) {
    return Counter.builder("payrail.gateway.simulated.refunds")
        .description(
            "Refunds the simulated acquirer paid back or answered again by idempotency key")
        .tag("kind", kind)
        .register(meters);
  }
}
