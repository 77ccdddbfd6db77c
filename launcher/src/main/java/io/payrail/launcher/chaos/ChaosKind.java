package io.payrail.launcher.chaos;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What a chaos round disrupts; rounds take turns through the kinds asked for. */
public enum ChaosKind {
  /** Each processor killed with SIGKILL and restarted, the broker restarted, MariaDB away. */
  CRASH,
  /** The schema registry away while every processor restarts with nothing cached. */
  REGISTRY,
  /** The acquirer answering a share of its charges with timeouts for a while. */
  ACQUIRER,
  /** A second instance of each processor, killed with SIGKILL and not restarted. */
  FAILOVER;

  /** The name on the command line and in the output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a kind by its {@link #label()}. */
  public static final class Converter implements ITypeConverter<ChaosKind> {
    @Override
    public ChaosKind convert(String value) {
      for (ChaosKind kind : values()) {
        if (kind.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw new TypeConversionException(
          "no kind "
              + value
              + "; one of "
              + Arrays.stream(values()).map(ChaosKind::label).collect(Collectors.joining(", ")));
    }
  }
}
