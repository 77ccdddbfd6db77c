package io.payrail.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./payrail run} was asked for.
 *
 * @param dataDir where the broker, registry and database keep their files between runs
 * @param fresh delete the data directory first
 */
record LaunchOptions(Path dataDir, boolean fresh) {

  /** Parses {@code [--fresh] [--data-dir DIR]}; the default data directory follows XDG. */
  static LaunchOptions parse(List<String> args, Map<String, String> environment) {
    Path dataDir = defaultDataDir(environment);
    boolean fresh = false;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--fresh" -> fresh = true;
        case "--data-dir" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("--data-dir needs a directory");
          }
          dataDir = Path.of(args.get(++i));
        }
        default -> throw new IllegalArgumentException("unknown option " + args.get(i));
      }
    }
    return new LaunchOptions(dataDir.toAbsolutePath().normalize(), fresh);
  }

  private static Path defaultDataDir(Map<String, String> environment) {
    String xdg = environment.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(environment.getOrDefault("HOME", "."), ".local", "share");
    return base.resolve("payrail");
  }
}
