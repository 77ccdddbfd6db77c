package io.payrail.launcher.audit;

import io.payrail.audit.AuditSettings;
import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.audit.deadletter.DeadLetters;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./payrail dlt list|replay <topic>}: a topic's dead letters, shown or re-published. */
@Command(
    name = "dlt",
    description = "Show a topic's dead letters, or re-publish them once after the cause is fixed.",
    subcommands = {DeadLetterCommand.ListLetters.class, DeadLetterCommand.Replay.class})
public final class DeadLetterCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "dlt needs a command: list or replay");
  }

  private static DeadLetters deadLetters() {
    return new DeadLetters(AuditSettings.fromEnvironment(System.getenv()).deadLetterSettings());
  }

  /** {@code dlt list <topic>}. */
  @Command(
      name = "list",
      description = "Show the dead letters of TOPIC: why and where from, never the payload.")
  static final class ListLetters implements Runnable {

    @Parameters(paramLabel = "TOPIC", description = "a contract topic, e.g. orders")
    String topic;

    @Override
    public void run() {
      List<DeadLetter> letters = deadLetters().list(topic);
      letters.forEach(letter -> System.out.println(letter.render()));
      System.out.println(letters.size() + " dead letter(s)");
    }
  }

  /** {@code dlt replay <topic>}. */
  @Command(
      name = "replay",
      description = "Re-publish the dead letters of TOPIC to TOPIC, each once.")
  static final class Replay implements Runnable {

    @Parameters(paramLabel = "TOPIC", description = "a contract topic, e.g. orders")
    String topic;

    @Override
    public void run() {
      System.out.println(deadLetters().replay(topic));
    }
  }
}
