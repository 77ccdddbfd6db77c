package io.payrail.acquirer.simulated;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.IdempotencyKeyReusedException;
import io.payrail.gateway.refund.GatewayRefund;
import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated acquirer's refunds: always pays back, keeping its refunds in its own table ({@code
 * simulated_acquirer_refunds}, unique by idempotency key) so that its idempotency survives a
 * restart of the processor, as a real acquirer's does. It writes in a transaction of its own: what
 * the acquirer did stays done when the ledger's transaction rolls back, exactly the case its
 * idempotency exists for.
 */
public class SimulatedRefunds implements RefundGateway {

  private final JdbcClient jdbc;
  private final Duration latency;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Counter newRefunds;
  private final Counter replayedRefunds;

  public SimulatedRefunds(
      JdbcClient jdbc,
      DataSource dataSource,
      SimulatedAcquirerProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.latency = properties.latency();
    this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.newRefunds = counter(meters, "new");
    this.replayedRefunds = counter(meters, "replayed");
  }

  @Override
  public GatewayRefund refund(GatewayRefundRequest request) {
    SimulatedCharges.pause(latency);
    GatewayRefund answer = ownTransaction.execute(status -> refundOnce(request));
    (answer.replayed() ? replayedRefunds : newRefunds).increment();
    return answer;
  }

  /** How many refunds this acquirer has paid back (not answered again), in this process. */
  public double refundsPaid() {
    return newRefunds.count();
  }

  private GatewayRefund refundOnce(GatewayRefundRequest request) {
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
      return new GatewayRefund(reference, false);
    } catch (DuplicateKeyException alreadyRefunded) {
      return firstAnswer(request);
    }
  }

  private GatewayRefund firstAnswer(GatewayRefundRequest request) {
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
    return new GatewayRefund(earlier.reference(), true);
  }

  private static Counter counter(MeterRegistry meters, String kind) {
    return Counter.builder("payrail.gateway.simulated.refunds")
        .description(
            "Refunds the simulated acquirer paid back or answered again by idempotency key")
        .tag("kind", kind)
        .register(meters);
  }
}
