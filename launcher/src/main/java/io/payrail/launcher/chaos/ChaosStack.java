package io.payrail.launcher.chaos;

import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The broker, registry and database of a chaos run, in this JVM: a {@link LocalStack} on ports
 * fixed for the whole run, so that the broker, the registry and the database can be stopped and
 * started again on the same data and port and the services' clients find them where they were (as
 * after a real restart).
 */
final class ChaosStack implements AutoCloseable {

  private final LocalStack stack;

  private ChaosStack(LocalStack stack) {
    this.stack = stack;
  }

  static ChaosStack start(Path dataDir) {
    return new ChaosStack(
        LocalStack.start(
            new LocalStack.Settings(
                dataDir,
                portWithNextFree(),
                FreePort.orEphemeral(0),
                FreePort.orEphemeral(0),
                Topics.DEFAULT_PARTITIONS,
                Optional.empty())));
  }

  PipelineServices.Endpoints endpoints() {
    return PipelineServices.Endpoints.of(stack);
  }

  String bootstrapServers() {
    return stack.bootstrapServers();
  }

  DatabaseSettings database() {
    return stack.database();
  }

  void restartBroker() {
    stack.restartBroker();
  }

  void takeDatabaseAway(Duration outage) {
    stack.takeDatabaseAway(outage);
  }

  void stopRegistry() {
    stack.stopRegistry();
  }

  void startRegistry() {
    stack.startRegistry();
  }

  @Override
  public void close() {
    stack.close();
  }

  /**
   * A free port whose successor is free too: a fixed broker port puts the controller on the next
   * one, and both must stay the same across restarts.
   */
  private static int portWithNextFree() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = FreePort.orEphemeral(0);
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("found no two consecutive free ports for the broker");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
