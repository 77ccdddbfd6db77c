package io.payrail.acquirer.simulated;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.charge.PaymentGateway;
import io.payrail.gateway.refund.RefundGateway;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated acquirer, wherever this module is on the classpath (the launcher, the tests) and a
 * service says {@code payrail.gateway.kind: simulated}: its tables, migrated with their own Flyway
 * history ({@code flyway_history_simulated_acquirer}), and its charge and refund APIs. Production
 * images do not contain this module, so there a real gateway must be configured.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(name = "payrail.gateway.kind", havingValue = "simulated")
@EnableConfigurationProperties(SimulatedAcquirerProperties.class)
public class SimulatedAcquirerAutoConfiguration {

  /** Where the acquirer's migrations live, apart from the ledgers'. */
  public static final String MIGRATIONS = "classpath:db/migration/simulated-acquirer";

  /** Its Flyway history table: the ledgers keep theirs. */
  public static final String HISTORY_TABLE = "flyway_history_simulated_acquirer";

  @Bean
  SimulatedAcquirerTables simulatedAcquirerTables(DataSource dataSource) {
    migrate(dataSource);
    return new SimulatedAcquirerTables();
  }

  /** Creates or updates the acquirer's tables in {@code dataSource}'s schema. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table(HISTORY_TABLE)
        // The schema is shared with the ledgers: baseline below V1 so that every version runs.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  @Bean
  AcquirerFaults simulatedAcquirerFaults(
      SimulatedAcquirerTables tables,
      DataSource dataSource,
      SimulatedAcquirerProperties properties) {
    return new AcquirerFaults(JdbcClient.create(dataSource), properties.faultCheckInterval());
  }

  @Bean
  @ConditionalOnMissingBean(PaymentGateway.class)
  SimulatedCharges simulatedCharges(
      SimulatedAcquirerTables tables,
      DataSource dataSource,
      SimulatedAcquirerProperties properties,
      AcquirerFaults faults,
      MeterRegistry meters) {
    return new SimulatedCharges(
        new NamedParameterJdbcTemplate(dataSource), properties, faults, Clock.systemUTC(), meters);
  }

  @Bean
  @ConditionalOnMissingBean(RefundGateway.class)
  SimulatedRefunds simulatedRefunds(
      SimulatedAcquirerTables tables,
      DataSource dataSource,
      SimulatedAcquirerProperties properties,
      AcquirerFaults faults,
      MeterRegistry meters) {
    return new SimulatedRefunds(
        JdbcClient.create(dataSource), dataSource, properties, faults, Clock.systemUTC(), meters);
  }

  /** Proof that the acquirer's tables are migrated: its gateways depend on it. */
  static final class SimulatedAcquirerTables {}
}
