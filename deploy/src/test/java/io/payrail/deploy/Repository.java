package io.payrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the deployment files and the services' configuration are, seen from the deploy module. */
final class Repository {

  /** Surefire runs with the module's basedir as working directory: the repository is its parent. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * The five runnable services; each is a Maven module, an image, a compose service, a workload.
   */
  static final List<String> SERVICES =
      List.of(
          "order-ingest",
          "risk-streams",
          "payment-processor",
          "refund-processor",
          "loyalty-streams");

  /** The services that hold Kafka Streams state and therefore run as StatefulSets. */
  static final List<String> STREAMS_SERVICES =
      List.of("order-ingest", "risk-streams", "loyalty-streams");

  /** The stateless transactional consumers, run as Deployments and scaled by KEDA. */
  static final List<String> PROCESSORS = List.of("payment-processor", "refund-processor");

  private Repository() {}

  static Path file(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an executable of this name is on the PATH. */
  static boolean onPath(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, executable))) {
        return true;
      }
    }
    return false;
  }
}
