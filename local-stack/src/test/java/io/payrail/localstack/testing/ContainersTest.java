package io.payrail.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.database.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Testcontainers mode's containers: Kafka in KRaft mode and MySQL 8, reached like the embedded
 * ones. Runs only where a Docker engine is reachable and is skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersTest {

  @Test
  void kafkaAndMySqlContainersServeClients() throws Exception {
    try (Containers containers = Containers.start()) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, containers.bootstrapServers()))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        admin
            .createTopics(
                List.of(new org.apache.kafka.clients.admin.NewTopic("probe", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      DatabaseSettings db = containers.database();
      try (Connection connection =
          DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
        assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("8.");
      }
    }
  }
}
