package io.payrail.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JFR in every JVM of a phase, started and stopped through {@code jcmd} (so the child JVMs need no
 * flags), one {@code .jfr} per process, summarised over the measured windows only: where the CPU
 * samples were, by the method on top of the stack (self time) and by the first method outside the
 * JDK (the code that asked for the work: Kafka's client, RocksDB's JNI, Connector/J, Payrail), and
 * how much of the JVM's thread CPU its JIT compilers took: execution samples never see compiler
 * threads, and on two cores a JVM that is still compiling spends more there than in its own work.
 */
final class Profiler {

  private static final Logger log = LoggerFactory.getLogger(Profiler.class);
  private static final String RECORDING = "payrail-bench";
  private static final int TOP = 10;
  private static final int STACK_DEPTH = 256;
  private static final List<String> JDK_PACKAGES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  /**
   * Where a process's CPU samples were.
   *
   * @param samples execution samples of Java code in the measured windows
   * @param nativeSamples samples of threads in native code (RocksDB, sockets, the database driver's
   *     I/O), which execution samples do not see
   * @param methods share of samples by the method on top of the stack, largest first
   * @param callers share of samples by the first method outside the JDK, largest first
   * @param packages share of samples by that method's package (three segments), largest first
   * @param jitShare share of the JVM's thread CPU (JFR's per-thread load) in its C1 and C2 compiler
   *     threads
   */
  record HotSpots(
      long samples,
      long nativeSamples,
      Map<String, Double> methods,
      Map<String, Double> callers,
      Map<String, Double> packages,
      double jitShare) {}

  private final Path dir;
  private final Map<String, Long> recording = new LinkedHashMap<>();

  Profiler(Path dir) {
    this.dir = dir;
  }

  /** Starts a recording in each JVM; names are what the report calls the processes. */
  void start(String phase, Map<String, Long> jvms) {
    start(phase, jvms, List.of());
  }

  /**
   * Starts a recording in each JVM with JFR's {@code profile} settings and these of its options on
   * top (for example {@code socket-threshold=1ms}).
   */
  void start(String phase, Map<String, Long> jvms, List<String> options) {
    recording.clear();
    jvms.forEach(
        (name, pid) -> {
          // JFR keeps 64 frames by default, and a request thread's stack under Tomcat, the filters
          // and Spring MVC is deeper: 43 % of the facade's samples lost their outer frames, so no
          // share "inside the controller" could be read from them. Takes effect only before the
          // JVM's first recording, so it is asked for every time.
          jcmd(pid, "JFR.configure", "stackdepth=" + STACK_DEPTH);
          List<String> command =
              new ArrayList<>(
                  List.of(
                      "JFR.start",
                      "name=" + RECORDING,
                      "settings=profile",
                      "filename=" + file(phase, name)));
          command.addAll(options);
          if (jcmd(pid, command.toArray(String[]::new))) {
            recording.put(name, pid);
          }
        });
  }

  /**
   * Stops the recordings and summarises each between {@code from} and {@code to}; nothing when the
   * phase was never measured.
   */
  Map<String, HotSpots> stop(String phase, Instant from, Instant to) {
    Map<String, HotSpots> hotSpots = new LinkedHashMap<>();
    recording.forEach(
        (name, pid) -> {
          if (jcmd(pid, "JFR.stop", "name=" + RECORDING) && from != null && to != null) {
            Path file = file(phase, name);
            try {
              hotSpots.put(name, summarise(file, from, to));
            } catch (IOException e) {
              log.warn("cannot read {}: {}", file, e.toString());
            }
          }
        });
    recording.clear();
    return hotSpots;
  }

  /** The hot spots of one recording's samples between {@code from} and {@code to}. */
  static HotSpots summarise(Path file, Instant from, Instant to) throws IOException {
    Map<String, Long> methods = new HashMap<>();
    Map<String, Long> callers = new HashMap<>();
    Map<String, Long> packages = new HashMap<>();
    Map<String, Double> cpuByThread = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
        continue;
      }
      String type = event.getEventType().getName();
      if (type.equals("jdk.ThreadCPULoad") && event.getThread() != null) {
        cpuByThread.merge(
            String.valueOf(event.getThread().getJavaName()),
            (double) event.getFloat("user") + event.getFloat("system"),
            Double::sum);
        continue;
      }
      if (type.equals("jdk.NativeMethodSample")) {
        nativeSamples++;
        continue;
      }
      if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      methods.merge(name(frames.get(0)), 1L, Long::sum);
      RecordedFrame caller =
          frames.stream()
              .filter(frame -> !inJdk(frame.getMethod().getType().getName()))
              .findFirst()
              .orElse(frames.get(0));
      callers.merge(name(caller), 1L, Long::sum);
      packages.merge(packageOf(caller.getMethod().getType().getName()), 1L, Long::sum);
    }
    return new HotSpots(
        samples,
        nativeSamples,
        top(methods, samples),
        top(callers, samples),
        top(packages, samples),
        jitShare(cpuByThread));
  }

  /** The compiler threads' share of the CPU of all threads, by thread name; 0 without any. */
  static double jitShare(Map<String, Double> cpuByThread) {
    double total = cpuByThread.values().stream().mapToDouble(Double::doubleValue).sum();
    double compiling =
        cpuByThread.entrySet().stream()
            .filter(thread -> thread.getKey().matches("C[12] CompilerThread\\d+"))
            .mapToDouble(Map.Entry::getValue)
            .sum();
    return total > 0 ? compiling / total : 0;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static boolean inJdk(String className) {
    return JDK_PACKAGES.stream().anyMatch(className::startsWith);
  }

  static String packageOf(String className) {
    String[] parts = className.split("\\.");
    int segments = Math.min(3, parts.length - 1);
    return segments <= 0 ? "(default)" : String.join(".", List.of(parts).subList(0, segments));
  }

  private static Map<String, Double> top(Map<String, Long> counts, long total) {
    Map<String, Double> shares = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(TOP)
        .forEach(entry -> shares.put(entry.getKey(), (double) entry.getValue() / total));
    return shares;
  }

  private Path file(String phase, String name) {
    return dir.resolve((phase + "-" + name).replaceAll("[^A-Za-z0-9.-]+", "-") + ".jfr")
        .toAbsolutePath();
  }

  private static boolean jcmd(long pid, String... command) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(String.valueOf(pid));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        log.warn("jcmd {} {} failed: {}", pid, String.join(" ", command), output.strip());
        return false;
      }
      return true;
    } catch (IOException e) {
      log.warn("cannot run jcmd: {}", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Creates the directory the recordings go to. */
  static Profiler in(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    return new Profiler(dir);
  }
}
