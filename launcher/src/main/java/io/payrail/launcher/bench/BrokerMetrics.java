package io.payrail.launcher.bench;

import io.payrail.localstack.kafka.FreePort;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's own counters, read over JMX from the process it runs in: bytes and records clients
 * produced, and transactions ended. The process is started with a JMX port for this ({@link
 * #jvmOptions}), bound to the loopback interface only.
 */
final class BrokerMetrics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerMetrics.class);

  /**
   * Counters since the broker started.
   *
   * @param bytesIn bytes of records clients produced ({@code BytesInPerSec})
   * @param messagesIn records clients produced ({@code MessagesInPerSec})
   * @param transactions EndTxn requests: transactions committed or aborted
   */
  record Counters(long bytesIn, long messagesIn, long transactions) {}

  private static final String BYTES_IN = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec";
  private static final String MESSAGES_IN =
      "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec";
  private static final String END_TXN =
      "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=EndTxn,*";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private BrokerMetrics(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /** A free port for the broker process's JMX agent. */
  static int freePort() {
    return FreePort.orEphemeral(0);
  }

  /** Options that open a JMX agent on {@code port}, on the loopback interface, without auth. */
  static List<String> jvmOptions(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Dcom.sun.management.jmxremote.local.only=true",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false",
        "-Djava.rmi.server.hostname=127.0.0.1");
  }

  /** Connects to the agent on {@code port}, or gives null: the bench then reports no bytes. */
  static BrokerMetrics connect(int port) {
    JMXServiceURL url;
    try {
      url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return new BrokerMetrics(JMXConnectorFactory.connect(url));
      } catch (IOException e) {
        last = e;
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      }
    }
    log.warn("no broker metrics over JMX on port {}: {}", port, String.valueOf(last));
    return null;
  }

  Counters read() {
    try {
      long transactions = 0;
      for (ObjectName name : server.queryNames(new ObjectName(END_TXN), null)) {
        transactions += count(name);
      }
      return new Counters(
          count(new ObjectName(BYTES_IN)), count(new ObjectName(MESSAGES_IN)), transactions);
    } catch (IOException | JMException e) {
      throw new IllegalStateException("cannot read the broker's metrics", e);
    }
  }

  private long count(ObjectName name) throws IOException, JMException {
    return ((Number) server.getAttribute(name, "Count")).longValue();
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      log.debug("closing the JMX connection", e);
    }
  }
}
