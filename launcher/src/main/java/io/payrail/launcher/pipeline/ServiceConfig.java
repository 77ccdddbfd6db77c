package io.payrail.launcher.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

/**
 * Finds one service's own {@code application.yml} on the launcher's classpath. Every service jar
 * carries a file of that name, and Spring would load whichever comes first for all five contexts,
 * so the launcher picks each by the module it lives in.
 */
final class ServiceConfig {

  private ServiceConfig() {}

  static List<PropertySource<?>> load(String module, ClassLoader classLoader) {
    try {
      for (URL url : Collections.list(classLoader.getResources("application.yml"))) {
        String path = url.toString();
        if (path.contains("/" + module + "/") || path.contains("/" + module + "-")) {
          return new YamlPropertySourceLoader()
              .load(module + " application.yml", new UrlResource(url));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + module + "'s application.yml", e);
    }
    throw new IllegalStateException("no application.yml of " + module + " on the classpath");
  }
}
