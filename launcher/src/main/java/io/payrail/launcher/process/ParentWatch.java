package io.payrail.launcher.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of another launcher (the chaos run, the bench) ends when its standard input
 * closes: a parent that dies, even by SIGKILL, takes its children with it instead of leaving them
 * running against a stack that is gone. The child exits through its shutdown hooks, so that what it
 * started (the embedded database is a process of its own) stops with it; a hook that hangs is cut
 * short after {@link #EXIT_TIMEOUT}.
 */
public final class ParentWatch {

  private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

  /** Exit status when the parent went away. */
  static final int ORPHANED = 3;

  /** How long the shutdown hooks of an orphaned child may take. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  private ParentWatch() {}

  /** Halts this JVM once standard input reaches its end. */
  public static void exitWhenStdinCloses() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                  // The parent never writes; anything it does is ignored.
                }
              } catch (IOException e) {
                // A broken pipe means the same as end of input.
              }
              log.warn("standard input closed: the parent process is gone, exiting");
              Thread deadline =
                  new Thread(
                      () -> {
                        LockSupport.parkNanos(EXIT_TIMEOUT.toNanos());
                        Runtime.getRuntime().halt(ORPHANED);
                      },
                      "payrail-parent-watch-deadline");
              deadline.setDaemon(true);
              deadline.start();
              System.exit(ORPHANED);
            },
            "payrail-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
