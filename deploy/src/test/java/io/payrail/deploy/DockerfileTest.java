package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image recipe. There is no Docker engine here, so the build itself is not run
 * (docs/operations.md says how); this checks the promises that can be read from the file.
 */
class DockerfileTest {

  private final List<String> lines =
      Repository.read("Dockerfile").lines().map(String::strip).toList();

  @Test
  void buildsWithTheMavenWrapperOnAJdkAndRunsOnAJre() {
    assertThat(instructions("FROM"))
        .containsExactly("eclipse-temurin:17-jdk AS build", "eclipse-temurin:17-jre");
    assertThat(String.join("\n", lines)).contains("./mvnw -B").contains("-pl \"${SERVICE}\" -am");
  }

  @Test
  void everyBaseImageIsPinned() {
    for (String from : instructions("FROM")) {
      assertThat(new ImageReference(from.split("\\s+")[0]).isPinned()).as(from).isTrue();
    }
  }

  @Test
  void theServiceIsABuildArgumentAndTheRunnableJarIsTheExecJar() {
    assertThat(instructions("ARG")).contains("SERVICE");
    assertThat(String.join("\n", lines))
        .contains("${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar");
  }

  @Test
  void theServiceRunsAsANonRootUser() {
    List<String> users = instructions("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).isNotIn("root", "0");
  }

  @Test
  void theBuildContextLeavesOutBuildOutput() {
    assertThat(Repository.read(".dockerignore").lines().map(String::strip)).contains("**/target/");
  }

  private List<String> instructions(String keyword) {
    return lines.stream()
        .filter(line -> line.startsWith(keyword + " "))
        .map(line -> line.substring(keyword.length() + 1).strip())
        .toList();
  }
}
