package io.payrail.refund.ledger;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The ledger's own transaction manager. Declared here because Boot backs off its JDBC one when the
 * Kafka transaction manager exists, and the two must never be confused: the ledger commits inside
 * the listener, the Kafka transaction around it.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

  @Bean
  JdbcTransactionManager ledgerTransactionManager(DataSource dataSource) {
    return new JdbcTransactionManager(dataSource);
  }
}
