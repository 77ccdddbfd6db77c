package io.payrail.localstack.testing;

import java.util.Map;

/** Properties as command-line arguments, which win over a service's application.yml. */
public final class CommandLine {

  private CommandLine() {}

  public static String[] of(Map<String, ?> properties) {
    return properties.entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue())
        .toArray(String[]::new);
  }
}
