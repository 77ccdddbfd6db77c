package io.payrail.localstack.testing;

import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka (apache/kafka, KRaft) and MySQL 8 in containers, for machines with a Docker engine. Kept
 * apart from {@link TestInfrastructure} so that Testcontainers' classes load only in this mode.
 */
final class Containers implements AutoCloseable {

  static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
  static final DockerImageName MYSQL_IMAGE = DockerImageName.parse("mysql:8.4");

  private final KafkaContainer kafka;
  private final MySQLContainer mysql;

  private Containers(KafkaContainer kafka, MySQLContainer mysql) {
    this.kafka = kafka;
    this.mysql = mysql;
  }

  static Containers start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "payrail.test.infrastructure=testcontainers needs a Docker engine, and none is reachable;"
              + " run without it to use the in-process broker and embedded MariaDB");
    }
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    MySQLContainer mysql =
        new MySQLContainer(MYSQL_IMAGE).withDatabaseName(LocalStack.DATABASE_SCHEMA);
    kafka.start();
    mysql.start();
    return new Containers(kafka, mysql);
  }

  String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  DatabaseSettings database() {
    return new DatabaseSettings(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword());
  }

  @Override
  public void close() {
    mysql.stop();
    kafka.stop();
  }
}
