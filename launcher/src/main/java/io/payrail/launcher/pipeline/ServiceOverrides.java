package io.payrail.launcher.pipeline;

import java.nio.file.Path;
import java.util.Map;

/** What a local run changes in each service's defaults: state under the data directory. */
final class ServiceOverrides {

  private ServiceOverrides() {}

  static Map<String, Object> forModule(String module, Path dataDir, int port) {
    String state = dataDir.resolve("streams").resolve(module).toString();
    return switch (module) {
      case "risk-streams", "order-ingest", "loyalty-streams" ->
          Map.of("spring.kafka.streams.state-dir", state);
      default -> Map.of();
    };
  }
}
