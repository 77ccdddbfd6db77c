package io.payrail.launcher.process;

import io.payrail.launcher.PayrailLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One {@code ./payrail <command>} in a JVM of its own, on this JVM's java and classpath, with its
 * output in a log file and its standard input held open by this JVM: the child's {@link
 * ParentWatch} ends it when this JVM goes away.
 */
public final class LauncherProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final String name;
  private final Process process;
  private final Path logFile;

  private LauncherProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code ./payrail <arguments>} in a new JVM.
   *
   * @param name how messages name the process
   * @param jvmOptions options in front of the main class (heap, GC, JFR, JMX)
   * @param arguments the launcher's command and options
   * @param environment variables added to this JVM's
   * @param logFile where its standard output and error go (appended)
   */
  public static LauncherProcess start(
      String name,
      List<String> jvmOptions,
      List<String> arguments,
      Map<String, String> environment,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), PayrailLauncher.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      return new LauncherProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code ready} holds; fails at once if the process ends first. */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting; see " + logFile);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + logFile);
  }

  /**
   * A clean stop (SIGTERM: shutdown hooks run, Streams close, the embedded database stops); SIGKILL
   * if that takes too long. The signal goes through the process handle: {@link Process#destroy()}
   * would also close the child's standard input, and its {@link ParentWatch} would then end it in
   * the middle of its shutdown.
   */
  public void stop() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Kills what is left and closes this side of its pipes.
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
