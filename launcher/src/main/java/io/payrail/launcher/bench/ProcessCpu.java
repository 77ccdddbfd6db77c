package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of the bench's processes, as the operating system counts it (user + system, from {@code
 * /proc/<pid>/stat} on Linux): the same figure for a JVM, MariaDB or this load generator.
 */
final class ProcessCpu {

  private ProcessCpu() {}

  /** CPU nanoseconds each live process used so far; processes that are gone are left out. */
  static Map<String, Long> read(Map<String, Long> pids) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) ->
            ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toNanos)
                .ifPresent(nanos -> cpu.put(name, nanos)));
    return cpu;
  }

  /** The embedded MariaDB server started by the process {@code parentPid}, if there is one. */
  static Optional<Long> mariaDb(long parentPid) {
    return ProcessHandle.of(parentPid).stream()
        .flatMap(ProcessHandle::descendants)
        .filter(
            handle ->
                handle
                    .info()
                    .command()
                    .map(command -> command.endsWith("mysqld") || command.endsWith("mariadbd"))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }
}
