package io.payrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void dataLivesInTheUsersDataDirectoryByDefault() {
    assertThat(LaunchOptions.parse(List.of(), Map.of("HOME", "/home/ada")))
        .isEqualTo(new LaunchOptions(Path.of("/home/ada/.local/share/payrail"), false));
    assertThat(LaunchOptions.parse(List.of(), Map.of("XDG_DATA_HOME", "/data")).dataDir())
        .isEqualTo(Path.of("/data/payrail"));
  }

  @Test
  void freshAndDataDirAreHonoured() {
    assertThat(LaunchOptions.parse(List.of("--fresh", "--data-dir", "/tmp/p"), Map.of()))
        .isEqualTo(new LaunchOptions(Path.of("/tmp/p"), true));
  }

  @Test
  void unknownOptionsAreRejected() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--turbo"), Map.of()))
        .hasMessageContaining("--turbo");
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data-dir"), Map.of()))
        .hasMessageContaining("--data-dir");
  }
}
