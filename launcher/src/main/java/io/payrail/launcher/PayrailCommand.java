package io.payrail.launcher;

import io.payrail.launcher.audit.AuditCommand;
import io.payrail.launcher.audit.DeadLetterCommand;
import io.payrail.launcher.bench.BenchCommand;
import io.payrail.launcher.chaos.ChaosCommand;
import io.payrail.launcher.demo.DemoCommand;
import io.payrail.launcher.keys.KeysCommand;
import io.payrail.launcher.pipeline.ServiceCommand;
import io.payrail.launcher.pipeline.StackCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./payrail}: its commands, each with {@code --help}, and {@code --version}. Options are
 * parsed and checked before a command starts anything, so a typo fails at once with status 2.
 */
@Command(
    name = "payrail",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = PayrailVersion.class,
    usageHelpAutoWidth = true,
    description = "Payrail, an event-driven payment pipeline on Kafka, on one machine.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "./payrail <command> --help shows a command's options. Exit status: 0 done, 1 a check"
          + " failed (audit, chaos, demo), 2 a bad command line."
    },
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      AuditCommand.class,
      DeadLetterCommand.class,
      KeysCommand.class,
      ChaosCommand.class,
      ServiceCommand.class,
      StackCommand.class,
      HelpCommand.class
    })
final class PayrailCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Without a command: the usage, as {@code ./payrail help} prints it. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
