package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The module table of docs/architecture.md names exactly the reactor's modules. */
class DocsMatchTheReactorTest {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  @Test
  void architectureModuleTableListsEveryModuleOfTheReactorAndNoOther() {
    assertThat(tableModules(section(Repository.read("docs/architecture.md"), "## Modules")))
        .containsExactlyInAnyOrderElementsOf(reactorModules());
  }

  private static List<String> reactorModules() {
    Matcher modules = MODULE.matcher(Repository.read("pom.xml"));
    List<String> names = modules.results().map(match -> match.group(1).trim()).toList();
    assertThat(names).isNotEmpty();
    return names;
  }

  private static List<String> tableModules(String section) {
    return TABLE_ROW.matcher(section).results().map(match -> match.group(1)).toList();
  }

  /** The text from {@code heading} to the next heading of the same level. */
  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length() + 1);
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }
}
