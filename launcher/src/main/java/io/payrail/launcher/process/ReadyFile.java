package io.payrail.launcher.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a child launcher tells its parent that it is up and where: a properties file (bootstrap
 * servers, registry URL, ports) that appears whole, once, when everything is ready. Ports can then
 * stay ephemeral: the child picks them, the parent reads them.
 */
public final class ReadyFile {

  private ReadyFile() {}

  /** Writes the file so that a reader never sees half of it. */
  public static void write(Path file, Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        properties.store(writer, "written by the payrail launcher once it was ready");
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The file's values, once it exists. */
  public static Optional<Properties> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return Optional.of(properties);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
