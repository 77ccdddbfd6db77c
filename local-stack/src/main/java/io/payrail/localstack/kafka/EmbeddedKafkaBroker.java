package io.payrail.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft server that is both broker and
 * controller, with the one-node settings transactions and consumer groups need. Used by the local
 * launcher and by the tests; its data directory survives restarts unless the caller deletes it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
  }

  /**
   * Formats the data directory if it is new and starts the broker.
   *
   * @param dataDir where the log segments and metadata live
   * @param port the client port, or 0 for a free ephemeral one
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    int brokerPort = FreePort.orEphemeral(port);
    // A fixed client port gets the next one for the controller, so restarts find the same quorum.
    int controllerPort = port > 0 ? port + 1 : FreePort.orEphemeral(0);
    Properties props = serverProperties(dataDir, brokerPort, controllerPort);
    format(dataDir, props);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    Instant started = Instant.now();
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, dataDir);
    try {
      broker.awaitReady();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    log.info(
        "Kafka broker ready on {} in {} ms (data in {})",
        bootstrap,
        Duration.between(started, Instant.now()).toMillis(),
        dataDir);
    return broker;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private void awaitReady() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "Kafka broker on " + bootstrapServers + " not ready after " + READY_TIMEOUT, e);
          }
        }
      }
    }
  }

  private static Properties serverProperties(Path dataDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.toAbsolutePath().toString());
    // One node: every internal topic has one replica, or transactions and groups never start.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "12");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "12");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // A processor that dies leaves its transaction open, holding back read_committed readers of its
    // partitions and its offsets until the coordinator aborts it after transaction.timeout.ms; the
    // check for timed-out transactions runs every 10 s by default, which alone would exceed the
    // failover the processors promise (docs/operations.md, "Payments and refunds").
    props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    // Topics come from the topic registry; a typo must fail instead of creating a stray topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "12");
    return props;
  }

  private static void format(Path dataDir, Properties props) {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      Path config = Files.createTempFile("payrail-kraft", ".properties");
      try {
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
          props.store(writer, "Payrail embedded KRaft broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit =
            StorageTool.execute(
                new String[] {
                  "format",
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--config",
                  config.toString(),
                  // Transactions v2 (Kafka 4's default) made exactly-once producers here loop on
                  // OUT_OF_ORDER_SEQUENCE ("no existing state") and CONCURRENT_TRANSACTIONS,
                  // stalling Streams tasks for seconds under load; v1 does not.
                  "--feature",
                  "transaction.version=1"
                },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
          throw new IllegalStateException(
              "formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
    }
  }
}
