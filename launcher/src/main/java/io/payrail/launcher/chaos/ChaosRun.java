package io.payrail.launcher.chaos;

import io.payrail.acquirer.simulated.AcquirerFaults;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.RunId;
import io.payrail.launcher.console.Progress;
import io.payrail.launcher.pipeline.ConsumerGroupLag;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chaos scenario: the broker, registry and database in this JVM, each processor in a JVM of its
 * own. A round streams orders and refunds while, one at a time and at random moments, the
 * disruptions of its kinds ({@link ChaosKind}) happen:
 *
 * <ul>
 *   <li>crash: each processor is killed with SIGKILL and started again, the broker is restarted and
 *       the database is taken away for a few seconds;
 *   <li>registry: the schema registry is stopped, every processor is killed and started again while
 *       it is away (so nothing is cached), and the registry comes back on its port;
 *   <li>acquirer: the simulated acquirer answers a share of its charges and refunds with timeouts
 *       for a while (its fault switch, {@link AcquirerFaults}), so payments and refunds go UNKNOWN
 *       and the reconcilers resolve them;
 *   <li>failover: a second instance of each processor, with transactional ids and state of its own,
 *       starts before the load; each is killed with SIGKILL and not restarted, and the time until
 *       the work placed around the kill is answered is measured ({@link Failover}).
 * </ul>
 *
 * Orders risk holds for review are decided by the load's reviewer as soon as they are seen held
 * (most approved, some rejected), so that every order of a round ends final.
 *
 * <p>Then the load stops, the round waits until every order is final (paid, declined, rejected...)
 * and every refund answered and the consumer groups have nothing left, and audits the round's
 * orders.
 *
 * <p>Expected every time: nothing lost, nothing repeated, no dead letter, nothing left UNKNOWN or
 * held, every held order ended as its decision calls for, every failover within its limit, ledger
 * equal to events, charges equal to captures, loyalty equal to its recomputation.
 */
public final class ChaosRun implements AutoCloseable {

  /**
   * @param ordersPerSecond the steady order rate of the load
   * @param loadDuration how long orders stream at least; longer if the disruptions take longer
   * @param databaseOutage how long the database stays away (crash)
   * @param registryOutage how long the schema registry stays away once the processors restarted
   *     without it are ready (registry)
   * @param faultWindow how long the acquirer answers with timeouts (acquirer)
   * @param faultFraction the share of charges it answers so (acquirer)
   * @param failoverModules the processors that get a second instance (failover)
   * @param failoverLimit how long a killed instance's work may stand still (failover)
   * @param seed drives the traffic mix and the order and moments of the disruptions
   */
  public record Options(
      double ordersPerSecond,
      Duration loadDuration,
      Duration databaseOutage,
      Duration registryOutage,
      Duration faultWindow,
      double faultFraction,
      List<String> failoverModules,
      Duration failoverLimit,
      long seed) {

    public Options {
      failoverModules = List.copyOf(failoverModules);
      failoverModules.forEach(ChaosRun::processor);
    }
  }

  /**
   * A processor, the consumer group it commits under, the topics it consumes and the load's work
   * that shows it moving.
   */
  private record Processor(
      String module, String group, List<String> inputTopics, Failover.Flow flow) {}

  private static final List<Processor> PROCESSORS =
      List.of(
          new Processor(
              "risk-streams",
              "payrail-risk",
              List.of(Topics.ORDERS.name()),
              Failover.Flow.ORDERS_PAID),
          new Processor(
              "payment-processor",
              "payment-processor",
              List.of(Topics.ORDER_RISK.name()),
              Failover.Flow.ORDERS_PAID),
          new Processor(
              "refund-processor",
              "refund-processor",
              List.of(Topics.REFUND_REQUESTS.name()),
              Failover.Flow.REFUNDS_ANSWERED),
          new Processor(
              "loyalty-streams",
              "payrail-loyalty",
              // Orders too: it answers an order's redemption of points (points-reservations).
              List.of(Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.REFUNDS.name()),
              Failover.Flow.CAPTURES_CREDITED));

  /**
   * Consumer groups of the processors beyond their main one: the payment-processor reads the
   * reviewers' decisions and loyalty's answers to redemptions of points in groups of their own
   * (docs/asyncapi.yaml). A round is done only when these have nothing left either.
   */
  private record ExtraGroup(String group, List<String> inputTopics) {}

  static final String REVIEW_GROUP = "payment-review";

  static final String POINTS_GROUP = "payment-points";

  private static final List<ExtraGroup> EXTRA_GROUPS =
      List.of(
          new ExtraGroup(REVIEW_GROUP, List.of(Topics.REVIEW_DECISIONS.name())),
          new ExtraGroup(POINTS_GROUP, List.of(Topics.POINTS_RESERVATIONS.name())));

  /** Every processor, in the order data flows through them. */
  public static final List<String> PROCESSOR_MODULES =
      PROCESSORS.stream().map(Processor::module).toList();

  /** One disruption of a round: its kind and what it hits (a processor, the broker...). */
  private record Disruption(ChaosKind kind, String target) {
    String label() {
      return kind == ChaosKind.CRASH ? target : kind.label() + " " + target;
    }
  }

  private static final String BROKER_RESTART = "broker";
  private static final String DATABASE_OUTAGE = "database";

  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration GROUPS_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration DEAD_LETTER_LOOK = Duration.ofSeconds(5);
  private static final Duration READY_WITHOUT_REGISTRY = Duration.ofSeconds(90);
  private static final Duration LOAD_WITHIN = Duration.ofSeconds(1);

  private final Options options;
  private final PrintStream out;
  private final ChaosStack stack;
  private final Map<String, ServiceProcess> services;
  private final Path dataDir;
  private final Path logDir;
  private final Admin admin;
  private final TopicSerdes serdes;
  private final DataSource acquirerDatabase;
  private final String runId;
  private final Thread killChildren;

  /** The running round's progress line, which other output must go around. */
  private volatile ProgressTicker ticker;

  private ChaosRun(
      Options options,
      PrintStream out,
      ChaosStack stack,
      Map<String, ServiceProcess> services,
      Path dataDir,
      Path logDir,
      Thread killChildren) {
    this.options = options;
    this.out = out;
    this.stack = stack;
    this.services = services;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.killChildren = killChildren;
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    this.serdes =
        new TopicSerdes(
            Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                stack.endpoints().schemaRegistryUrl().toString()));
    this.acquirerDatabase =
        new DriverManagerDataSource(
            stack.database().jdbcUrl(), stack.database().username(), stack.database().password());
    this.runId = RunId.letters(System.nanoTime(), 8);
  }

  /**
   * Starts the stack in {@code dataDir} and the four processors, each in its own JVM, and waits
   * until they are ready.
   *
   * @param logDir where each processor's output goes ({@code <module>.log})
   * @param out where progress is printed
   */
  public static ChaosRun start(Options options, Path dataDir, Path logDir, PrintStream out) {
    long began = System.nanoTime();
    ChaosStack stack = ChaosStack.start(dataDir);
    Map<String, ServiceProcess> services = new LinkedHashMap<>();
    Thread killChildren =
        new Thread(() -> services.values().forEach(ServiceProcess::close), "chaos-kill-children");
    Runtime.getRuntime().addShutdownHook(killChildren);
    try {
      Map<String, String> environment = stack.endpoints().environment();
      for (Processor processor : PROCESSORS) {
        ServiceProcess service =
            new ServiceProcess(
                processor.module(),
                processor.module(),
                javaCommand(),
                dataDir,
                environment,
                properties(processor.module(), "chaos-"),
                logDir.resolve(processor.module() + ".log"));
        services.put(processor.module(), service);
        service.start();
      }
      services.values().forEach(ServiceProcess::awaitReady);
      out.printf(
          "chaos: stack and %d processors up in %d s (data in %s, logs in %s)%n",
          services.size(),
          Duration.ofNanos(System.nanoTime() - began).toSeconds(),
          dataDir,
          logDir);
      return new ChaosRun(options, out, stack, services, dataDir, logDir, killChildren);
    } catch (RuntimeException e) {
      services.values().forEach(ServiceProcess::close);
      stack.close();
      Runtime.getRuntime().removeShutdownHook(killChildren);
      throw e;
    }
  }

  /**
   * The transactional-id prefix of a payment or refund processor instance, {@code <module>-<name>},
   * stable across the incarnations of one instance: a restarted processor reuses the killed one's
   * transactional ids, which fences the killed one and aborts its open transaction at once instead
   * of after the transaction timeout. A second instance has a prefix of its own, as a second pod of
   * a Deployment does, so its death is noticed only through the session and transaction timeouts.
   * Streams applications get the same from their state directory (the process id is kept there).
   * Everything else, timeouts included, is the services' own configuration.
   */
  private static Map<String, String> properties(String module, String name) {
    return switch (module) {
      case "payment-processor", "refund-processor" ->
          Map.of("spring.kafka.producer.transaction-id-prefix", module + "-" + name);
      default -> Map.of();
    };
  }

  private static Processor processor(String module) {
    return PROCESSORS.stream()
        .filter(processor -> processor.module().equals(module))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no processor " + module + "; one of " + PROCESSOR_MODULES));
  }

  /** This JVM's java and classpath, running the launcher. */
  private static List<String> javaCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(
        java.toString(),
        // Small and quick to start: four of these share two cores with the broker and MariaDB.
        "-Xmx512m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        PayrailLauncher.class.getName());
  }

  /** Runs one round with the disruptions of {@code kinds} and audits it. */
  public RoundResult round(int number, Set<ChaosKind> kinds) {
    long roundBegan = System.nanoTime();
    String prefix = "chaos-" + runId + "-r" + number + "-";
    Random random = new Random(options.seed() * 31 + number);
    long plannedOrders = Math.round(options.ordersPerSecond() * options.loadDuration().toSeconds());
    List<String> actions = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Failover> failovers = new ArrayList<>();
    List<UnknownOutcomes.Summary> unknownOutcomes = new ArrayList<>();
    out.printf(
        "chaos: round %d (%s), orderId prefix %s, %.0f orders/s%n",
        number, labels(kinds), prefix, options.ordersPerSecond());
    DeadLetterWatch deadLetters = DeadLetterWatch.start(auditSettings("").deadLetterSettings());
    Map<String, ServiceProcess> secondInstances =
        kinds.contains(ChaosKind.FAILOVER)
            ? startSecondInstances(number, roundBegan, problems)
            : Map.of();
    AuditReport audit;
    LoadProgress counts;
    ReviewTally reviews;
    try (ChaosLoad load =
            new ChaosLoad(
                stack.bootstrapServers(),
                serdes,
                prefix,
                options.ordersPerSecond(),
                new ChaosOrders(prefix, plannedOrders, random));
        ProgressTicker progress = new ProgressTicker(load, System.nanoTime(), number)) {
      long began = System.nanoTime();
      load.start();
      progress.start();
      List<Disruption> disruptions = plan(kinds);
      Collections.shuffle(disruptions, random);
      long gap = options.loadDuration().toNanos() / (disruptions.size() + 1);
      long loadEnds = began + options.loadDuration().toNanos();
      for (int i = 0; i < disruptions.size(); i++) {
        long jitter = (long) ((random.nextDouble() - 0.5) * gap * 0.6);
        parkUntil(began + gap * (i + 1) + jitter);
        Disruption disruption = disruptions.get(i);
        String done =
            switch (disruption.kind()) {
              case CRASH -> crash(disruption.target(), began);
              case REGISTRY -> registryAway(began);
              case ACQUIRER -> acquirerFaults(load, began, problems);
              case FAILOVER ->
                  failover(
                      secondInstances.get(disruption.target()), load, began, failovers, problems);
            };
        actions.add("t+" + seconds(began) + "s " + disruption.label() + ": " + done);
        if (disruption.kind() == ChaosKind.ACQUIRER) {
          // Orders kept coming while the acquirer timed out, however late in the round it began.
          long windowEnded = System.nanoTime();
          loadEnds = windowEnded - loadEnds > 0 ? windowEnded : loadEnds;
        }
      }
      parkUntil(loadEnds);
      load.stopOrders();
      print(began, "orders stopped: " + load.progress());

      if (!awaitSettled(load, deadLetters)) {
        problems.add("not settled: " + load.progress());
      }
      print(began, "settled: " + load.progress());
      problems.addAll(load.problems());
      problems.addAll(awaitNoLag());
      problems.addAll(deadServices());
      if (kinds.contains(ChaosKind.ACQUIRER)) {
        // The load may have been answered before the window's end: the next round starts without.
        AcquirerFaults.close(acquirerDatabase);
        unknownOutcomes.add(UnknownOutcomes.payments(stack.database(), prefix));
        unknownOutcomes.add(UnknownOutcomes.refunds(stack.database(), prefix));
        if (unknownOutcomes.get(0).wentUnknown() == 0) {
          problems.add("the acquirer's fault window made no payment UNKNOWN");
        }
        for (UnknownOutcomes.Summary outcomes : unknownOutcomes) {
          figures.add("acquirer: " + outcomes);
          if (outcomes.stillUnknown() > 0) {
            problems.add(outcomes.stillUnknown() + " " + outcomes.what() + " left UNKNOWN");
          }
        }
      }
      failovers.forEach(failover -> figures.add("failover " + failover));
      figures.add("reviews: " + load.reviews());
      figures.add("points: " + load.points());
      List<DeadLetter> letters = deadLetters.since();
      figures.add("dead letters: " + letters.size());
      if (!letters.isEmpty()) {
        problems.add(
            letters.size()
                + " dead letters of valid records, e.g. "
                + letters.stream().limit(3).map(DeadLetter::render).toList());
      }
      audit = auditUntilClean(prefix, began);
      counts = load.progress();
      reviews = load.reviews();
    } finally {
      secondInstances.values().forEach(ServiceProcess::close);
    }
    RoundResult result =
        new RoundResult(
            number,
            kinds,
            prefix,
            counts,
            reviews,
            actions,
            figures,
            problems,
            unknownOutcomes,
            failovers,
            audit,
            Duration.ofNanos(System.nanoTime() - roundBegan));
    figures.forEach(figure -> out.println("chaos: " + figure));
    problems.forEach(problem -> out.println("chaos: PROBLEM " + problem));
    if (!result.audit().isClean()) {
      out.print(result.audit().render());
    }
    out.println("chaos: " + result.summary());
    return result;
  }

  /** The round's disruptions, in no particular order yet. */
  private List<Disruption> plan(Set<ChaosKind> kinds) {
    List<Disruption> disruptions = new ArrayList<>();
    if (kinds.contains(ChaosKind.CRASH)) {
      PROCESSORS.forEach(p -> disruptions.add(new Disruption(ChaosKind.CRASH, p.module())));
      disruptions.add(new Disruption(ChaosKind.CRASH, BROKER_RESTART));
      disruptions.add(new Disruption(ChaosKind.CRASH, DATABASE_OUTAGE));
    }
    if (kinds.contains(ChaosKind.REGISTRY)) {
      disruptions.add(new Disruption(ChaosKind.REGISTRY, "away"));
    }
    if (kinds.contains(ChaosKind.ACQUIRER)) {
      disruptions.add(new Disruption(ChaosKind.ACQUIRER, "timeouts"));
    }
    if (kinds.contains(ChaosKind.FAILOVER)) {
      options
          .failoverModules()
          .forEach(module -> disruptions.add(new Disruption(ChaosKind.FAILOVER, module)));
    }
    return disruptions;
  }

  private String crash(String target, long began) {
    long start = System.nanoTime();
    String done;
    switch (target) {
      case BROKER_RESTART -> {
        print(began, "restarting the Kafka broker");
        stack.restartBroker();
        done = "broker restarted";
      }
      case DATABASE_OUTAGE -> {
        print(began, "taking MariaDB away for " + options.databaseOutage().toSeconds() + " s");
        stack.takeDatabaseAway(options.databaseOutage());
        done = "MariaDB back";
      }
      default -> {
        ServiceProcess service = services.get(target);
        print(began, "kill -9 " + target + " (incarnation " + service.incarnation() + ")");
        service.kill();
        service.start();
        service.awaitReady();
        done = target + " incarnation " + service.incarnation() + " ready";
      }
    }
    return printed(began, done + " after " + secondsSince(start) + " s");
  }

  /**
   * Stops the registry, kills every processor and starts it again while the registry is away, so
   * that each starts with nothing cached; once they are ready, the registry stays away for the
   * outage, while they must wait for it instead of dead-lettering what they cannot read; then it
   * starts again on its port.
   */
  private String registryAway(long began) {
    print(
        began,
        "schema registry stopped; every processor killed with SIGKILL and started again without"
            + " it");
    stack.stopRegistry();
    long stopped = System.nanoTime();
    List<ServiceProcess> restarted = new ArrayList<>(services.values());
    restarted.forEach(ServiceProcess::kill);
    restarted.forEach(ServiceProcess::start);
    Map<String, String> readyAfter = new LinkedHashMap<>();
    long giveUp = stopped + READY_WITHOUT_REGISTRY.toNanos();
    while (readyAfter.size() < restarted.size() && System.nanoTime() < giveUp) {
      for (ServiceProcess service : restarted) {
        if (!readyAfter.containsKey(service.name()) && service.isReady()) {
          readyAfter.put(service.name(), secondsSince(stopped) + " s");
        }
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    String ready =
        readyAfter.size() == restarted.size()
            ? "processors ready without it after " + readyAfter
            : "only " + readyAfter + " ready without it";
    print(
        began,
        ready + "; the registry stays away " + options.registryOutage().toSeconds() + " s more");
    LockSupport.parkNanos(options.registryOutage().toNanos());
    stack.startRegistry();
    String away = secondsSince(stopped);
    for (ServiceProcess service : restarted) {
      if (!readyAfter.containsKey(service.name())) {
        service.awaitReady();
      }
    }
    return printed(
        began,
        "registry back after "
            + away
            + " s away: "
            + ready
            + ", then "
            + options.registryOutage().toSeconds()
            + " s of traffic without it");
  }

  /**
   * Opens the acquirer's fault window, which closes by itself; the next disruption does not wait
   * for it, as an acquirer's trouble does not wait for a quiet moment.
   */
  /**
   * Opens the acquirer's fault window once payments flow, and holds the round's next disruption
   * until it closes: a window spent while no charge was attempted (the registry away, every payment
   * processor restarting) proves nothing about UNKNOWN payments.
   */
  private String acquirerFaults(ChaosLoad load, long began, List<String> problems) {
    if (!waitFor(
        () -> load.keepingUp(Failover.Flow.ORDERS_PAID, LOAD_WITHIN, Failover.BEFORE),
        SETTLE_TIMEOUT)) {
      problems.add("the acquirer's fault window opened while payments did not keep up");
    }
    AcquirerFaults.open(acquirerDatabase, options.faultWindow(), options.faultFraction());
    String opened =
        printed(
            began,
            "acquirer times out on "
                + Math.round(options.faultFraction() * 100)
                + " % of charges until t+"
                + String.format(
                    "%.1f", (System.nanoTime() - began) / 1e9 + options.faultWindow().toSeconds())
                + "s");
    parkUntil(System.nanoTime() + options.faultWindow().toNanos());
    return opened;
  }

  /**
   * Kills a second instance for good and waits until the work placed around the kill has been
   * answered, or long after the limit: a failover slower than the limit is a problem. The kill
   * waits for a pipeline under load that keeps up, with the acquirer answering: a backlog an
   * earlier disruption left, or payments gone UNKNOWN (answered only once the reconciler has
   * resolved them), would be counted as the failover's.
   */
  private String failover(
      ServiceProcess instance,
      ChaosLoad load,
      long began,
      List<Failover> failovers,
      List<String> problems) {
    Failover.Flow flow = processor(instance.module()).flow();
    if (!waitFor(
        () ->
            AcquirerFaults.current(acquirerDatabase).isEmpty()
                && load.keepingUp(flow, LOAD_WITHIN, Failover.BEFORE),
        SETTLE_TIMEOUT)) {
      problems.add(instance.name() + " killed while its processors did not keep up");
    }
    print(began, "kill -9 " + instance.name() + " (not restarted)");
    instance.kill();
    long killedAt = System.nanoTime();
    long measurable = killedAt + Failover.AFTER.toNanos();
    waitFor(
        () ->
            System.nanoTime() > measurable
                && load.failover(instance.name(), flow, killedAt).complete(),
        options.failoverLimit().plus(Failover.AFTER).plusSeconds(30));
    Failover failover = load.failover(instance.name(), flow, killedAt);
    failovers.add(failover);
    if (!failover.complete()) {
      problems.add("failover " + failover + ": not all answered");
    } else if (failover.recovery().compareTo(options.failoverLimit()) > 0) {
      problems.add(
          "failover " + failover + ": slower than " + options.failoverLimit().toSeconds() + " s");
    }
    return printed(began, failover.toString());
  }

  /**
   * Starts a second instance of each failover processor, with transactional ids and a state
   * directory of its own, and waits until each group shares its partitions between both: twice the
   * members the first instance had (an instance may run several consumers, the payment-processor
   * two).
   */
  private Map<String, ServiceProcess> startSecondInstances(
      int round, long began, List<String> problems) {
    Map<String, ServiceProcess> started = new LinkedHashMap<>();
    Map<String, String> environment = stack.endpoints().environment();
    String name = "r" + round + "-2";
    List<String> groups =
        options.failoverModules().stream().map(module -> processor(module).group()).toList();
    Map<String, Integer> firstInstance = members(groups);
    for (String module : options.failoverModules()) {
      started.put(
          module,
          new ServiceProcess(
              module,
              module + "#2",
              javaCommand(),
              dataDir.resolve("instances").resolve(module + "-" + name),
              environment,
              properties(module, "chaos-" + name + "-"),
              logDir.resolve(module + "-" + name + ".log")));
    }
    try {
      started.values().forEach(ServiceProcess::start);
      started.values().forEach(ServiceProcess::awaitReady);
      if (!waitFor(() -> doubled(groups, firstInstance), GROUPS_TIMEOUT)) {
        problems.add(
            "not every group doubled its members, each with partitions: "
                + groups
                + ", the first instance's "
                + firstInstance);
      }
    } catch (RuntimeException e) {
      started.values().forEach(ServiceProcess::close);
      throw e;
    }
    print(
        began,
        "second instances of "
            + String.join(", ", started.keySet())
            + " up and sharing their groups' partitions after "
            + secondsSince(began)
            + " s");
    return started;
  }

  /** Whether each group has twice the members it had, every one with partitions. */
  private boolean doubled(List<String> groups, Map<String, Integer> before) {
    Map<String, ConsumerGroupDescription> described = describe(groups);
    return described.size() == groups.size()
        && described.values().stream()
            .allMatch(
                group ->
                    before.containsKey(group.groupId())
                        && group.members().size() == 2 * before.get(group.groupId())
                        && group.members().stream()
                            .noneMatch(member -> member.assignment().topicPartitions().isEmpty()));
  }

  /** The members of each group now, by group; empty when the groups cannot be described. */
  private Map<String, Integer> members(List<String> groups) {
    Map<String, Integer> members = new LinkedHashMap<>();
    describe(groups)
        .forEach((group, description) -> members.put(group, description.members().size()));
    return members;
  }

  private Map<String, ConsumerGroupDescription> describe(List<String> groups) {
    try {
      return admin.describeConsumerGroups(groups).all().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + groups, e);
    }
  }

  /**
   * Waits until every order is final (a held one after its decision) and every refund answered, and
   * gives up early once all that is missing has gone to a dead-letter topic (it will never be
   * answered).
   */
  private boolean awaitSettled(ChaosLoad load, DeadLetterWatch deadLetters) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long nextLook = System.nanoTime() + DEAD_LETTER_LOOK.toNanos();
    while (!load.settled()) {
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        return false;
      }
      if (now - nextLook >= 0) {
        Set<String> deadLettered =
            deadLetters.since().stream().map(DeadLetter::key).collect(Collectors.toSet());
        if (!deadLettered.isEmpty() && deadLettered.containsAll(load.awaitedOrders())) {
          return false;
        }
        nextLook = now + DEAD_LETTER_LOOK.toNanos();
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return true;
  }

  /** Waits until no processor has records left; what is left at the deadline is a problem. */
  private List<String> awaitNoLag() {
    ConsumerGroupLag lag = new ConsumerGroupLag(admin, stack.bootstrapServers());
    Map<String, Map<TopicPartition, Long>> left = new LinkedHashMap<>();
    boolean none =
        waitFor(
            () -> {
              left.clear();
              for (Processor processor : PROCESSORS) {
                Map<TopicPartition, Long> pending =
                    lag.pending(processor.group(), processor.inputTopics());
                if (!pending.isEmpty()) {
                  left.put(processor.group(), pending);
                }
              }
              for (ExtraGroup extra : EXTRA_GROUPS) {
                Map<TopicPartition, Long> pending = lag.pending(extra.group(), extra.inputTopics());
                if (!pending.isEmpty()) {
                  left.put(extra.group(), pending);
                }
              }
              return left.isEmpty();
            },
            SETTLE_TIMEOUT);
    if (none) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    left.forEach(
        (group, pending) -> problems.add("group " + group + " has records left: " + pending));
    return problems;
  }

  private List<String> deadServices() {
    List<String> problems = new ArrayList<>();
    services.forEach(
        (module, service) -> {
          if (!service.isAlive()) {
            problems.add(module + " died on its own; see " + service.logFile());
            service.start();
            service.awaitReady();
          }
        });
    return problems;
  }

  /**
   * Audits once nothing is in flight. A loyalty balance may still be catching up when the lag reads
   * zero between two polls, so an unclean audit is repeated for a while; a lost or repeated event
   * stays and fails the round.
   */
  private AuditReport auditUntilClean(String prefix, long began) {
    AuditSettings settings = auditSettings(prefix);
    long deadline = System.nanoTime() + AUDIT_TIMEOUT.toNanos();
    AuditReport report = Audit.run(settings);
    int audits = 1;
    while (!report.isClean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
      report = Audit.run(settings);
      audits++;
    }
    print(
        began,
        "audit "
            + (report.isClean() ? "clean" : report.discrepancies().size() + " discrepancies")
            + (audits > 1 ? " after " + audits + " audits" : "")
            + ": "
            + report.counts());
    return report;
  }

  /** The audit's settings for this stack and the orders whose id starts with {@code prefix}. */
  private AuditSettings auditSettings(String prefix) {
    return AuditSettings.fromEnvironment(
            Map.of(
                AuditSettings.BOOTSTRAP_SERVERS_VARIABLE,
                stack.bootstrapServers(),
                AuditSettings.SCHEMA_REGISTRY_URL_VARIABLE,
                stack.endpoints().schemaRegistryUrl().toString(),
                AuditSettings.DB_URL_VARIABLE,
                stack.database().jdbcUrl(),
                AuditSettings.DB_USER_VARIABLE,
                stack.database().username(),
                AuditSettings.DB_PASSWORD_VARIABLE,
                stack.database().password()))
        .withOrderIdPrefix(prefix)
        // Nothing is in flight any more: compare everything written before the audit.
        .withSettle(Duration.ZERO);
  }

  private static boolean waitFor(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException e) {
        // The broker may be slow right after the disruptions: ask again.
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  private static void parkUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void print(long began, String message) {
    String line = "chaos: t+" + seconds(began) + "s " + message;
    ProgressTicker progress = ticker;
    if (progress != null) {
      progress.progress.message(line);
    } else {
      out.println(line);
    }
  }

  /** Prints a disruption's outcome and returns it, for the round's list of actions. */
  private String printed(long began, String line) {
    print(began, line);
    return line;
  }

  private static String seconds(long began) {
    return String.format("%.1f", (System.nanoTime() - began) / 1e9);
  }

  private static String secondsSince(long start) {
    return String.valueOf(Duration.ofNanos(System.nanoTime() - start).toMillis() / 100 / 10.0);
  }

  private static String labels(Set<ChaosKind> kinds) {
    return kinds.stream().map(ChaosKind::label).collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    services.values().forEach(ServiceProcess::close);
    stack.close();
    try {
      Runtime.getRuntime().removeShutdownHook(killChildren);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
  }

  /**
   * The load's counts while a round runs: redrawn every second on a terminal, a line every ten
   * seconds in a log; the round's other lines go through it.
   */
  private final class ProgressTicker implements AutoCloseable {

    private final ChaosLoad load;
    private final long began;
    private final Progress progress;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressTicker(ChaosLoad load, long began, int round) {
      this.load = load;
      this.began = began;
      this.progress = Progress.on(out, "round " + round + ", second", 0);
      this.thread = new Thread(this::tick, "chaos-progress");
      thread.setDaemon(true);
    }

    void start() {
      ticker = this;
      thread.start();
    }

    private void tick() {
      while (running) {
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        if (running) {
          progress.update(
              Duration.ofNanos(System.nanoTime() - began).toSeconds(), load.progress().toString());
        }
      }
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
      ticker = null;
      progress.close();
    }
  }
}
