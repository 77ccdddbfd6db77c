package io.payrail.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a service's {@code application.yml} lets a deployment configure, read when the test runs
 * (the services' configuration changes while the manifests stay put).
 *
 * <p>An environment variable reaches the application in one of three ways, and only these:
 *
 * <ul>
 *   <li>a {@code ${NAME:default}} placeholder in application.yml reads it;
 *   <li>it is Spring Boot's relaxed-binding name of a key in application.yml ({@code
 *       payrail.risk.streams.state-dir} is {@code PAYRAIL_RISK_STREAMS_STATEDIR});
 *   <li>it names an entry of a Kafka client pass-through map that application.yml declares (a
 *       {@code properties} map such as {@code spring.kafka.properties}, whose entries Spring Kafka
 *       and Payrail's Streams services hand to the Kafka clients as they are).
 * </ul>
 *
 * A variable that matches none is a typo or a setting the service does not have: it would be
 * ignored silently, which is what this check exists to prevent.
 */
record ApplicationConfiguration(
    String service,
    Set<String> placeholders,
    Set<String> relaxedKeyNames,
    Set<String> passThroughPrefixes,
    Map<String, String> values) {

  /** The JVM reads this one itself; the images document it as the way to add JVM flags. */
  static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern DEFAULTED = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):(.*)}$");
  private static final String PASS_THROUGH_MAP = "properties";

  static ApplicationConfiguration of(String service) {
    return parse(service, Repository.read(service + "/src/main/resources/application.yml"));
  }

  static ApplicationConfiguration parse(String service, String text) {
    Set<String> placeholders = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      placeholders.add(matcher.group(1));
    }
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> passThrough = new LinkedHashSet<>();
    flatten("", root, values, passThrough);
    Set<String> relaxed = new LinkedHashSet<>();
    values.keySet().forEach(key -> relaxed.add(relaxedName(key)));
    return new ApplicationConfiguration(service, placeholders, relaxed, passThrough, values);
  }

  /** Spring Boot's environment-variable form of a property name. */
  static String relaxedName(String key) {
    return key.replace("-", "")
        .replace(".", "_")
        .replace("[", "_")
        .replace("]", "")
        .toUpperCase(Locale.ROOT);
  }

  /** Why the application reads this variable, or empty if it does not. */
  Optional<String> reads(String variable) {
    if (placeholders.contains(variable)) {
      return Optional.of("placeholder ${" + variable + "}");
    }
    if (relaxedKeyNames.contains(variable)) {
      return Optional.of("relaxed binding of a key");
    }
    return passThroughPrefixes.stream()
        .filter(
            prefix -> variable.startsWith(prefix + "_") && variable.length() > prefix.length() + 1)
        .findFirst()
        .map(prefix -> "entry of the pass-through map " + prefix);
  }

  /**
   * The value of a key as the given environment makes it: the key's own relaxed variable, else the
   * placeholder's variable, else the placeholder's default.
   */
  Optional<String> resolve(String key, Map<String, String> environment) {
    String relaxed = relaxedName(key);
    if (environment.containsKey(relaxed)) {
      return Optional.of(environment.get(relaxed));
    }
    String raw = values.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    Matcher defaulted = DEFAULTED.matcher(raw);
    if (defaulted.matches()) {
      return Optional.of(environment.getOrDefault(defaulted.group(1), defaulted.group(2)));
    }
    return Optional.of(raw);
  }

  private static void flatten(
      String prefix, Object node, Map<String, String> values, Set<String> passThrough) {
    if (node instanceof Map<?, ?> map) {
      if (prefix.endsWith("." + PASS_THROUGH_MAP)) {
        passThrough.add(relaxedName(prefix));
      }
      map.forEach(
          (key, child) ->
              flatten(
                  prefix.isEmpty() ? key.toString() : prefix + "." + key,
                  child,
                  values,
                  passThrough));
    } else if (node instanceof Iterable<?> list) {
      int index = 0;
      for (Object child : list) {
        flatten(prefix + "[" + index++ + "]", child, values, passThrough);
      }
    } else {
      values.put(prefix, node == null ? "" : node.toString());
    }
  }
}
