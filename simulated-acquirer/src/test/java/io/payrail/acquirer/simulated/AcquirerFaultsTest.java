package io.payrail.acquirer.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.acquirer.simulated.AcquirerFaults.Fault;
import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.gateway.charge.GatewayResponse;
import io.payrail.gateway.refund.GatewayRefundRequest;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The fault switch on the real database: a window opened in the acquirer's table makes its charges
 * and refunds time out, some after the acquirer acted, until it is closed or its time is up.
 */
class AcquirerFaultsTest {

  private static DataSource dataSource;

  @BeforeAll
  static void migrate() {
    DatabaseSettings database = TestInfrastructure.shared().database();
    dataSource =
        new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    SimulatedAcquirerAutoConfiguration.migrate(dataSource);
  }

  @AfterEach
  void closeWindow() {
    AcquirerFaults.close(dataSource);
  }

  @Test
  void chargesInAnOpenWindowTimeOutAndOnlyThoseWhoseAnswerWasLostAreCharged() {
    SimulatedCharges charges = charges();
    AcquirerFaults.open(dataSource, Duration.ofMinutes(1), 1.0);
    List<ChargeRequest> requests = requests("all", 40);

    List<GatewayResponse> batch = charges.chargeBatch(requests.subList(0, 20));
    List<GatewayResponse> single = requests.subList(20, 40).stream().map(charges::charge).toList();

    assertThat(batch).hasSize(20).allMatch(GatewayResponse.Unknown.class::isInstance);
    assertThat(single).hasSize(20).allMatch(GatewayResponse.Unknown.class::isInstance);
    assertOnlyLostAnswersWereActedOn(
        requests.stream().map(ChargeRequest::idempotencyKey).toList(),
        key -> charges.lookup(key).isPresent());
  }

  @Test
  void refundsInAnOpenWindowTimeOutAndOnlyThoseWhoseAnswerWasLostArePaidBack() {
    SimulatedRefunds refunds = refunds();
    AcquirerFaults.open(dataSource, Duration.ofMinutes(1), 1.0);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<GatewayRefundRequest> requests =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    new GatewayRefundRequest(
                        "rf-faults-" + run + "-" + i,
                        "faults-refund-" + run + "-" + i,
                        "pay_" + run + i,
                        "ch_sim_" + run + i,
                        500,
                        "EUR",
                        "requested_by_customer"))
            .toList();

    List<RefundResponse> answers = requests.stream().map(refunds::refund).toList();

    assertThat(answers).allMatch(RefundResponse.Unknown.class::isInstance);
    assertOnlyLostAnswersWereActedOn(
        requests.stream().map(GatewayRefundRequest::idempotencyKey).toList(),
        key -> refunds.lookup(key).isPresent());
  }

  /**
   * In a window affecting every key, both faults occur, and the acquirer has a record of exactly
   * the calls whose answer (not request) was lost.
   */
  private static void assertOnlyLostAnswersWereActedOn(
      List<String> keys, Predicate<String> recorded) {
    List<Fault> faults = keys.stream().map(key -> AcquirerFaults.decide(key, 1.0)).toList();
    assertThat(faults).contains(Fault.LOST_REQUEST, Fault.LOST_ANSWER).doesNotContain(Fault.NONE);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(recorded.test(keys.get(i)))
          .as("the acquirer has a record of a call whose %s", faults.get(i))
          .isEqualTo(faults.get(i) == Fault.LOST_ANSWER);
    }
  }

  @Test
  void aWindowAffectsItsShareOfChargesAndAnswersTheOthers() {
    SimulatedCharges charges = charges();
    AcquirerFaults.open(dataSource, Duration.ofMinutes(1), 0.25);

    List<GatewayResponse> responses = charges.chargeBatch(requests("share", 400));

    long unanswered = responses.stream().filter(GatewayResponse.Unknown.class::isInstance).count();
    assertThat(unanswered).isBetween(60L, 140L);
    assertThat(responses)
        .filteredOn(response -> !(response instanceof GatewayResponse.Unknown))
        .allMatch(GatewayResponse.Approved.class::isInstance);
  }

  @Test
  void aClosedWindowAnswersEveryChargeAgain() {
    SimulatedCharges charges = charges();
    AcquirerFaults.open(dataSource, Duration.ofMinutes(1), 1.0);
    AcquirerFaults.close(dataSource);

    assertThat(AcquirerFaults.current(dataSource)).isEmpty();
    assertThat(charges.chargeBatch(requests("closed", 10)))
        .allMatch(GatewayResponse.Approved.class::isInstance);
  }

  @Test
  void aWindowClosesByItselfWhenItsTimeIsUp() {
    SimulatedCharges charges = charges();
    AcquirerFaults.open(dataSource, Duration.ofSeconds(2), 1.0);
    assertThat(AcquirerFaults.current(dataSource))
        .hasValueSatisfying(window -> assertThat(window.fraction()).isEqualTo(1.0));
    assertThat(charges.charge(requests("during", 1).get(0)))
        .isInstanceOf(GatewayResponse.Unknown.class);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> AcquirerFaults.current(dataSource).isEmpty());
    assertThat(charges.chargeBatch(requests("after", 10)))
        .allMatch(GatewayResponse.Approved.class::isInstance);
  }

  @Test
  void aReadingOfTheSwitchIsKeptForTheCheckInterval() {
    AcquirerFaults slow = new AcquirerFaults(JdbcClient.create(dataSource), Duration.ofHours(1));
    String key = "payrail:charge:" + UUID.randomUUID();
    assertThat(slow.faultFor(key)).isEqualTo(Fault.NONE);

    AcquirerFaults.open(dataSource, Duration.ofMinutes(1), 1.0);

    assertThat(slow.faultFor(key)).isEqualTo(Fault.NONE);
    assertThat(new AcquirerFaults(JdbcClient.create(dataSource), Duration.ZERO).faultFor(key))
        .isNotEqualTo(Fault.NONE);
  }

  @Test
  void aWindowNeedsAShareAndALength() {
    assertThatThrownBy(() -> AcquirerFaults.open(dataSource, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AcquirerFaults.open(dataSource, Duration.ofSeconds(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AcquirerFaults.open(dataSource, Duration.ZERO, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Without latency or timeouts, and reading the switch on every call. */
  private static SimulatedCharges charges() {
    SimulatedAcquirerProperties properties =
        new SimulatedAcquirerProperties(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    return new SimulatedCharges(
        new NamedParameterJdbcTemplate(dataSource),
        properties,
        new AcquirerFaults(JdbcClient.create(dataSource), properties.faultCheckInterval()),
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private static SimulatedRefunds refunds() {
    SimulatedAcquirerProperties properties =
        new SimulatedAcquirerProperties(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    return new SimulatedRefunds(
        JdbcClient.create(dataSource),
        dataSource,
        properties,
        new AcquirerFaults(JdbcClient.create(dataSource), properties.faultCheckInterval()),
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }

  private static List<ChargeRequest> requests(String name, int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              String orderId = "faults-" + name + "-" + run + "-" + i;
              return new ChargeRequest(
                  "payrail:charge:" + orderId,
                  orderId,
                  "merchant-1",
                  1_000,
                  "EUR",
                  "tok_visa",
                  "visa",
                  "4242");
            })
        .toList();
  }
}
