package io.payrail.launcher.pipeline;

import io.payrail.launcher.OptionValues;
import io.payrail.launcher.process.ParentWatch;
import io.payrail.launcher.process.ReadyFile;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./payrail stack --data-dir DIR --ready-file FILE}: the broker, the schema registry and the
 * database alone in this JVM, for a parent launcher (the bench's per-service layout) that runs each
 * service in a process of its own. Ports default to free ones; the ready file says which.
 */
@Command(
    name = "stack",
    hidden = true,
    description = "Run Kafka, the schema registry and MariaDB alone in this JVM (used by bench).")
public final class StackCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR", required = true)
  Path dataDir;

  @Option(names = "--ready-file", paramLabel = "FILE", required = true)
  Path readyFile;

  @Option(names = "--kafka-port", paramLabel = "PORT", converter = OptionValues.Port.class)
  int kafkaPort;

  @Option(names = "--registry-port", paramLabel = "PORT", converter = OptionValues.Port.class)
  int registryPort;

  @Option(names = "--database-port", paramLabel = "PORT", converter = OptionValues.Port.class)
  int databasePort;

  @Override
  public Integer call() throws InterruptedException {
    ParentWatch.exitWhenStdinCloses();
    LocalStack stack =
        LocalStack.start(
            new LocalStack.Settings(
                dataDir.toAbsolutePath().normalize(),
                kafkaPort,
                registryPort,
                databasePort,
                Topics.DEFAULT_PARTITIONS,
                DatabaseSettings.fromEnvironment(System.getenv())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "payrail-stack-stop"));
    ReadyFile.write(readyFile, PipelineServices.Endpoints.of(stack).describe());
    stopped.await();
    return 0;
  }
}
