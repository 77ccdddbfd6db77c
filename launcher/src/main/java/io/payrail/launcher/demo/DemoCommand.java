package io.payrail.launcher.demo;

import io.payrail.launcher.OptionValues;
import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.PortOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./payrail demo}: the demo traffic against the pipeline running on the facade's port, or
 * against a fresh one it starts (on the same ports, in a temporary directory) when none answers.
 */
@Command(
    name = "demo",
    description = {
      "Drive a mix of orders and refunds over HTTP and summarise what became of them.",
      "Good customers, large first orders of new members and a fraud burst that risk holds for"
          + " review, declined cards, partial and full refunds, against the pipeline running on"
          + " the facade's port, or a fresh one started on the same ports. A reviewer"
          + " (demo-reviewer) works the review queue meanwhile: it approves about two thirds of"
          + " the good customers' held orders and rejects the fraud burst's. The summary counts"
          + " approved, rejected and expired reviews; held for review is not final. Exit 1 if an"
          + " order did not reach a final status."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "60",
      converter = OptionValues.Positive.class,
      description = "orders to place, at least 12 (default: ${DEFAULT-VALUE})")
  int orders;

  @Mixin PortOptions ports;

  @Override
  public Integer call() throws IOException {
    URI facade = URI.create("http://127.0.0.1:" + ports.services().orderIngest());
    DemoTraffic.Target target = new DemoTraffic.Target(facade, PayrailLauncher.DEVELOPMENT_API_KEY);
    if (PayrailLauncher.reachable(facade)) {
      System.out.println("demo: using the pipeline running on " + facade);
      return DemoTraffic.run(orders, target) ? 0 : 1;
    }
    Path dataDir = Files.createTempDirectory("payrail-demo");
    System.out.println("demo: no pipeline on " + facade + ", starting one in " + dataDir);
    try (PayrailLauncher.Pipeline pipeline =
        PayrailLauncher.Pipeline.start(
            dataDir, ports.kafka(), ports.registry(), ports.database(), ports.services())) {
      // Ports given as 0 were picked now: talk to the ones the services got.
      DemoTraffic.Target started =
          new DemoTraffic.Target(pipeline.facadeUrl(), PayrailLauncher.DEVELOPMENT_API_KEY);
      return DemoTraffic.run(orders, started) ? 0 : 1;
    } finally {
      PayrailLauncher.deleteRecursively(dataDir);
    }
  }
}
