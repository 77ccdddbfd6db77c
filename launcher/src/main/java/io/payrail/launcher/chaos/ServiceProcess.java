package io.payrail.launcher.chaos;

import io.payrail.localstack.kafka.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One service in a JVM of its own ({@code ./payrail service <module>}), so that it can crash for
 * real: {@link #kill()} is SIGKILL, with no shutdown hook, no clean close of its clients, its open
 * transactions and its Streams state directory left as they were. Every incarnation runs on the
 * same HTTP port and data directory and appends to the same log file.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String module;
  private final String name;
  private final List<String> javaCommand;
  private final Path dataDir;
  private final Map<String, String> environment;
  private final Map<String, String> properties;
  private final Path logFile;
  private Process process;
  private int port;
  private int incarnation;

  /**
   * @param module the service
   * @param name what the output calls this instance of it
   */
  ServiceProcess(
      String module,
      String name,
      List<String> javaCommand,
      Path dataDir,
      Map<String, String> environment,
      Map<String, String> properties,
      Path logFile) {
    this.module = module;
    this.name = name;
    this.javaCommand = List.copyOf(javaCommand);
    this.dataDir = dataDir;
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
    this.logFile = logFile;
  }

  String module() {
    return module;
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  synchronized int incarnation() {
    return incarnation;
  }

  /** Starts a new incarnation; its output goes to the log file. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    // The same port every time, as a restarted pod keeps its address: loyalty-streams names its
    // static group membership after it, so a restart takes the killed member's place at once.
    if (port == 0) {
      port = FreePort.orEphemeral(0);
    }
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(
        List.of(
            "service", module, "--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
    properties.forEach((key, value) -> command.addAll(List.of("--property", key + "=" + value)));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // stdin stays a pipe held by this JVM: the child halts when it closes (ServiceCommand).
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "%n===== %s incarnation %d on port %d =====%n".formatted(name, incarnation + 1, port),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process = builder.start();
      incarnation++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits until the service reports ready; fails early if its process died. */
  void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (isReady()) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    throw new IllegalStateException(
        name + " not ready within " + READY_TIMEOUT + "; see " + logFile);
  }

  /** Whether the service reports ready now; fails if its process died. */
  boolean isReady() {
    URI readiness;
    Process current;
    synchronized (this) {
      readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
      current = process;
    }
    if (!current.isAlive()) {
      throw new IllegalStateException(
          name + " exited with " + current.exitValue() + " while starting; see " + logFile);
    }
    return ready(readiness);
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  @Override
  public void close() {
    kill();
  }

  private static boolean ready(URI readiness) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }
}
