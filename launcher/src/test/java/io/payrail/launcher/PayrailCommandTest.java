package io.payrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.launcher.bench.BenchCommand;
import io.payrail.launcher.bench.BenchOptions;
import io.payrail.launcher.chaos.ChaosCommand;
import io.payrail.launcher.chaos.ChaosKind;
import io.payrail.launcher.chaos.ChaosRun;
import io.payrail.launcher.demo.DemoCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The command line is parsed and checked before a command starts anything: help, version and every
 * mistake answer at once, mistakes with status 2. None of these tests starts a broker; one that did
 * would take minutes and leave processes behind.
 */
class PayrailCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    return PayrailLauncher.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private static Object command(String... args) {
    ParseResult result = PayrailLauncher.commandLine().parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().userObject();
  }

  @Test
  void versionIsTheMavenProjectVersion() {
    assertThat(execute("--version")).isZero();

    assertThat(out.toString())
        .startsWith("payrail " + PayrailVersion.version())
        .doesNotContain("@project.version@");
    assertThat(PayrailVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void everyCommandHasItsOwnHelp() {
    for (String command : new String[] {"run", "demo", "bench", "audit", "dlt", "chaos"}) {
      out.getBuffer().setLength(0);
      assertThat(execute(command, "--help")).as(command).isZero();
      assertThat(out.toString()).as(command).startsWith("Usage: payrail " + command);
    }
    assertThat(out.toString()).contains("--rounds", "--seed");
  }

  @Test
  void benchHelpListsItsOptionsInsteadOfAskingForAValue() {
    assertThat(execute("bench", "--help")).isZero();

    assertThat(out.toString())
        .contains("--layout", "--instances", "--orders", "--warmup", "--rate", "--quick");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void theHiddenCommandsStayOutOfTheUsage() {
    assertThat(execute()).isZero();

    assertThat(out.toString())
        .containsPattern("(?m)^  bench ")
        .containsPattern("(?m)^  chaos ")
        .doesNotContainPattern("(?m)^  (service|stack) ");
  }

  @Test
  void anUnknownOptionFailsWithStatusTwoAndSaysWhereTheOptionsAre() {
    assertThat(execute("bench", "--turbo")).isEqualTo(2);

    assertThat(err.toString())
        .contains("Unknown option: '--turbo'")
        .contains("Try './payrail bench --help'.");
  }

  @Test
  void anUnknownCommandFailsWithStatusTwo() {
    assertThat(execute("benchmark")).isEqualTo(2);

    assertThat(err.toString()).contains("benchmark");
  }

  @Test
  void badValuesFailWithStatusTwoBeforeAnythingStarts() {
    assertThat(execute("bench", "--rate", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--rate", "must be above zero");

    assertThat(execute("bench", "--layout", "sideways")).isEqualTo(2);
    assertThat(err.toString()).contains("must be single-jvm or per-service");

    assertThat(execute("bench", "--stages", "risk,fraud")).isEqualTo(2);
    assertThat(err.toString()).contains("fraud");

    assertThat(execute("run", "--kafka-port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("must be a port from 0 to 65535");

    assertThat(execute("demo", "--orders", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("must be a whole number");

    assertThat(execute("chaos", "--rate", "-5")).isEqualTo(2);
    assertThat(execute("chaos", "--kinds", "crash,meteor")).isEqualTo(2);
    assertThat(err.toString())
        .contains("no kind meteor; one of crash, registry, acquirer, failover");
    assertThat(execute("chaos", "--fault-fraction", "1.5")).isEqualTo(2);
    assertThat(err.toString()).contains("must be above 0 and at most 1");
    assertThat(execute("dlt")).isEqualTo(2);
    assertThat(err.toString()).contains("dlt needs a command: list or replay");
  }

  @Test
  void optionsThatContradictEachOtherFailWithStatusTwo() {
    assertThat(execute("bench", "--instances", "2")).isEqualTo(2);

    assertThat(err.toString()).contains("--instances 2 needs --layout per-service");
  }

  @Test
  void auditRoundOptionsWithoutEveryOrWithABadDurationFailWithStatusTwo() {
    assertThat(execute("audit", "--keep-going")).isEqualTo(2);
    assertThat(err.toString()).contains("need --every");

    assertThat(execute("audit", "--every", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--every must be above zero");

    assertThat(execute("audit", "--settle", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("must be a duration like 90s or 5m");
  }

  @Test
  void theOptionNamesDocsAndCiUseStillParse() {
    assertThat(command("run", "--fresh", "--data-dir", "/tmp/p")).isInstanceOf(RunCommand.class);
    assertThat(command("demo", "--orders", "2000")).isInstanceOf(DemoCommand.class);
    assertThat(command("audit", "--order-prefix", "smoke-")).isNotNull();
    assertThat(command("audit", "--merchant", "merchant-a", "--order-prefix", "smoke-"))
        .isNotNull();
    assertThat(command("audit", "--settle", "0")).isNotNull();
    assertThat(
            command(
                "audit",
                "--settle",
                "90s",
                "--every",
                "5m",
                "--keep-going",
                "--metrics-port",
                "9404"))
        .isNotNull();
    assertThat(command("dlt", "replay", "orders")).isNotNull();
    assertThat(
            command(
                "chaos",
                "--rounds",
                "1",
                "--rate",
                "40",
                "--seconds",
                "30",
                "--outage",
                "5",
                "--seed",
                "7"))
        .isInstanceOf(ChaosCommand.class);
    assertThat(
            command(
                "chaos",
                "--kinds",
                "registry,acquirer",
                "--registry-outage",
                "10",
                "--acquirer-faults",
                "15",
                "--fault-fraction",
                "0.3",
                "--failover-limit",
                "20",
                "--together"))
        .isInstanceOf(ChaosCommand.class);

    BenchCommand bench =
        (BenchCommand)
            command(
                "bench",
                "--orders",
                "20000",
                "--warmup",
                "10000",
                "--latency-seconds",
                "10",
                "--http-requests",
                "3000",
                "--rate",
                "300");
    BenchOptions options = bench.options();
    assertThat(options.ladderBacklog()).isEqualTo(20_000);
    assertThat(options.warmupOrders()).isEqualTo(10_000);
    assertThat(options.httpWarmupRequests()).isEqualTo(3_000);
    assertThat(options.rate()).isEqualTo(300);
    assertThat(options.latencyDuration()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void chaosRoundsTakeTheKindsInTurnOrAllAtOnce() {
    ChaosCommand defaults = (ChaosCommand) command("chaos");
    assertThat(defaults.plan())
        .containsExactly(
            Set.of(ChaosKind.CRASH),
            Set.of(ChaosKind.REGISTRY),
            Set.of(ChaosKind.ACQUIRER),
            Set.of(ChaosKind.FAILOVER));
    ChaosRun.Options options = defaults.options();
    assertThat(options.registryOutage()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.faultWindow()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.faultFraction()).isEqualTo(0.5);
    assertThat(options.failoverLimit()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.failoverModules())
        .containsExactly(
            "risk-streams", "payment-processor", "refund-processor", "loyalty-streams");

    assertThat(
            ((ChaosCommand) command("chaos", "--kinds", "failover,acquirer", "--rounds", "3"))
                .plan())
        .containsExactly(
            Set.of(ChaosKind.FAILOVER), Set.of(ChaosKind.ACQUIRER), Set.of(ChaosKind.FAILOVER));
    assertThat(((ChaosCommand) command("chaos", "--together")).plan())
        .containsExactly(EnumSet.allOf(ChaosKind.class));
    assertThat(((ChaosCommand) command("chaos", "--kinds", "registry", "--rounds", "2")).plan())
        .containsExactly(Set.of(ChaosKind.REGISTRY), Set.of(ChaosKind.REGISTRY));
  }

  @Test
  void benchDefaultsToTheSingleJvmAndAllStagesQuickShortensThePhases() {
    BenchOptions defaults = ((BenchCommand) command("bench")).options();
    assertThat(defaults.layout()).isEqualTo(BenchOptions.Layout.SINGLE_JVM);
    assertThat(defaults.stages())
        .containsExactlyInAnyOrder("facade", "risk", "payment", "loyalty", "refund", "status_view");
    assertThat(defaults.steadyState().maxWarmup()).isEqualTo(Duration.ofSeconds(120));

    BenchOptions quick =
        ((BenchCommand) command("bench", "--quick", "--layout", "per-service", "--instances", "2"))
            .options();
    assertThat(quick.layout()).isEqualTo(BenchOptions.Layout.PER_SERVICE);
    assertThat(quick.instances()).isEqualTo(2);
    assertThat(quick.steadyState().maxWarmup()).isEqualTo(Duration.ofSeconds(45));
    assertThat(quick.steadyState().measure()).isEqualTo(Duration.ofSeconds(15));
    assertThat(quick.pipelineMaxWarmup()).isEqualTo(Duration.ofSeconds(120));
    assertThat(
            ((BenchCommand) command("bench", "--quick", "--max-warmup-seconds", "20"))
                .options()
                .pipelineMaxWarmup())
        .isEqualTo(Duration.ofSeconds(20));

    assertThat(((BenchCommand) command("bench", "--no-ladder")).options().stages()).isEmpty();
    assertThat(((BenchCommand) command("bench", "--stages", "risk,payment")).options().stages())
        .containsExactlyInAnyOrder("risk", "payment");
  }

  @Test
  void runKeepsItsDataInTheUsersDataDirectoryByDefault() {
    assertThat(RunCommand.dataDir(null, Map.of("HOME", "/home/ada")))
        .isEqualTo(Path.of("/home/ada/.local/share/payrail"));
    assertThat(RunCommand.dataDir(null, Map.of("XDG_DATA_HOME", "/data")))
        .isEqualTo(Path.of("/data/payrail"));
    assertThat(RunCommand.dataDir(Path.of("/tmp/p"), Map.of())).isEqualTo(Path.of("/tmp/p"));
  }

  @Test
  void portsDefaultToTheDocumentedOnes() {
    RunCommand run = (RunCommand) command("run", "--facade-port", "18080");
    assertThat(run.ports.kafka()).isEqualTo(9092);
    assertThat(run.ports.registry()).isEqualTo(8081);
    assertThat(run.ports.database()).isEqualTo(3307);
    assertThat(run.ports.services().orderIngest()).isEqualTo(18080);
    assertThat(run.ports.services().loyaltyStreams()).isEqualTo(8085);
  }
}
