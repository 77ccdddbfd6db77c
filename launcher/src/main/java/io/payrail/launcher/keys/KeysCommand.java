package io.payrail.launcher.keys;

import io.payrail.audit.AuditSettings;
import io.payrail.events.MerchantApiKey;
import io.payrail.ingest.auth.Scope;
import io.payrail.launcher.OptionValues;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.ApiKeys;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./payrail keys create|list|revoke|rotate}: merchants' API keys as data. A key is written
 * to the compacted {@code merchant-keys} topic as its hash; every facade instance reads the topic
 * into a global store, so a new key works and a revoked one fails within about a second, without a
 * redeploy. The key itself is printed once, by {@code create} or {@code rotate}, and kept nowhere.
 */
@Command(
    name = "keys",
    description = {
      "Issue, list, rotate and revoke merchants' API keys (topic merchant-keys).",
      "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS and PAYRAIL_SCHEMA_REGISTRY_URL (or the options) point it"
          + " at another cluster."
    },
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Revoke.class,
      KeysCommand.Rotate.class
    })
public final class KeysCommand implements Runnable {

  /** Exit status of a revoke or rotate of a key that was never issued. */
  static final int UNKNOWN_KEY = 1;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "keys needs a command: create, list, revoke or rotate");
  }

  /** Where the topic is; the environment's settings unless an option says otherwise. */
  static final class Cluster {

    @Option(
        names = "--bootstrap-servers",
        paramLabel = "HOST:PORT",
        description = "Kafka (PAYRAIL_KAFKA_BOOTSTRAP_SERVERS, default 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(
        names = "--schema-registry-url",
        paramLabel = "URL",
        description =
            "the schema registry (PAYRAIL_SCHEMA_REGISTRY_URL, default http://127.0.0.1:8081)")
    String schemaRegistryUrl;

    KeyDirectory directory() {
      AuditSettings environment = AuditSettings.fromEnvironment(System.getenv());
      return new KeyDirectory(
          bootstrapServers != null ? bootstrapServers : environment.bootstrapServers(),
          schemaRegistryUrl != null ? schemaRegistryUrl : environment.schemaRegistryUrl(),
          environment.clientProperties(),
          Duration.ofSeconds(30));
    }
  }

  /** {@code keys create --merchant M --scopes a,b [--label L]}. */
  @Command(
      name = "create",
      description = {
        "Issue a key for MERCHANT with SCOPES. Prints the key once, alone on standard output;"
            + " only its SHA-256 is stored."
      })
  static final class Create implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Cluster cluster;

    @Option(names = "--merchant", required = true, paramLabel = "MERCHANT")
    String merchant;

    @Option(
        names = "--scopes",
        required = true,
        split = ",",
        paramLabel = "SCOPE",
        description =
            "comma-separated: orders:write, orders:read, refunds:write, customers:write,"
                + " customers:read, coupons:write, coupons:read, reviews:read, reviews:write")
    List<String> scopes;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        description = "what uses the key, e.g. checkout-backend")
    String label;

    @Override
    public Integer call() {
      if (ContractRules.MERCHANT_ID.problem(merchant) != null) {
        throw new ParameterException(
            spec.commandLine(), "--merchant " + ContractRules.MERCHANT_ID.problem(merchant));
      }
      checkLabel(spec, label);
      Issued issued = issue(merchant, scopes(spec, scopes), label, null, Clock.systemUTC());
      cluster.directory().write(issued.record());
      announce(spec, issued);
      return 0;
    }
  }

  /** {@code keys list [--merchant M]}. */
  @Command(
      name = "list",
      description = "Show every key (never the key itself): id, merchant, scopes, label, state.")
  static final class ListKeys implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Cluster cluster;

    @Option(names = "--merchant", paramLabel = "MERCHANT", description = "only this merchant's")
    String merchant;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Instant now = Instant.now();
      int shown = 0;
      for (MerchantApiKey key : cluster.directory().current().values()) {
        if (merchant == null || merchant.equals(key.getMerchantId())) {
          out.println(line(key, now));
          shown++;
        }
      }
      out.println(shown + " key(s)");
      out.flush();
      return 0;
    }
  }

  /** {@code keys revoke <key or key id>}. */
  @Command(
      name = "revoke",
      description =
          "Refuse KEY (the key or its key_ id) from now on: every facade answers 401 within"
              + " seconds.")
  static final class Revoke implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Cluster cluster;

    @Parameters(paramLabel = "KEY", description = "the key, or its id (key_...)")
    String keyOrId;

    @Override
    public Integer call() {
      KeyDirectory directory = cluster.directory();
      String keyId = ApiKeys.idOfKeyOrId(keyOrId);
      MerchantApiKey key = directory.current().get(keyId);
      if (key == null) {
        return unknown(spec, keyId);
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      if (key.getRevokedAt() != null && !key.getRevokedAt().isAfter(now)) {
        spec.commandLine()
            .getErr()
            .println(keyId + " was already revoked at " + key.getRevokedAt());
        return 0;
      }
      directory.write(MerchantApiKey.newBuilder(key).setRevokedAt(now).build());
      spec.commandLine().getErr().println("Revoked " + keyId + " of " + key.getMerchantId());
      return 0;
    }
  }

  /** {@code keys rotate <key or key id> [--grace 24h]}. */
  @Command(
      name = "rotate",
      description = {
        "Issue a new key with KEY's merchant, scopes and label, and revoke KEY once GRACE has"
            + " passed: both work meanwhile. Prints the new key once, alone on standard output."
      })
  static final class Rotate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Cluster cluster;

    @Parameters(paramLabel = "KEY", description = "the key, or its id (key_...)")
    String keyOrId;

    @Option(
        names = "--grace",
        paramLabel = "DURATION",
        converter = OptionValues.NonNegativeDuration.class,
        description = "how long the old key keeps working (default 24h; 0 revokes it now)")
    Duration grace = Duration.ofHours(24);

    @Override
    public Integer call() {
      KeyDirectory directory = cluster.directory();
      String keyId = ApiKeys.idOfKeyOrId(keyOrId);
      MerchantApiKey old = directory.current().get(keyId);
      if (old == null) {
        return unknown(spec, keyId);
      }
      Clock clock = Clock.systemUTC();
      if (!ApiKeys.liveAt(old, clock.instant())) {
        throw new ParameterException(
            spec.commandLine(), keyId + " is revoked; create a new key instead");
      }
      Issued issued =
          issue(
              old.getMerchantId(),
              new LinkedHashSet<>(old.getScopes()),
              old.getLabel(),
              keyId,
              clock);
      // The new key first: if the second write fails, the old key still works.
      directory.write(issued.record());
      Instant end = clock.instant().plus(grace).truncatedTo(ChronoUnit.MILLIS);
      if (old.getRevokedAt() == null || old.getRevokedAt().isAfter(end)) {
        directory.write(MerchantApiKey.newBuilder(old).setRevokedAt(end).build());
      }
      announce(spec, issued);
      spec.commandLine().getErr().println(keyId + " stops working at " + end);
      return 0;
    }
  }

  /** A new key and the record that stores its hash. */
  record Issued(String key, MerchantApiKey record) {}

  static Issued issue(
      String merchant, Set<String> scopes, String label, String replaces, Clock clock) {
    String key = ApiKeys.newKey(RANDOM);
    byte[] hash = ApiKeys.sha256(key);
    MerchantApiKey record =
        MerchantApiKey.newBuilder()
            .setKeyId(ApiKeys.idOf(hash))
            .setMerchantId(merchant)
            .setKeySha256(HexFormat.of().formatHex(hash))
            .setScopes(List.copyOf(scopes))
            .setLabel(label)
            .setCreatedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .setReplaces(replaces)
            .build();
    return new Issued(key, record);
  }

  /** The listed scopes, each a known one, in the order given. */
  private static Set<String> scopes(CommandSpec spec, List<String> listed) {
    Set<String> scopes = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String value : listed) {
      String scope = value.trim();
      if (Scope.of(scope).isPresent()) {
        scopes.add(scope);
      } else if (!scope.isEmpty()) {
        unknown.add(scope);
      }
    }
    if (!unknown.isEmpty() || scopes.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--scopes takes one or more of "
              + Scope.all().stream().map(Scope::value).toList()
              + (unknown.isEmpty() ? "" : ", not " + unknown));
    }
    return scopes;
  }

  private static void checkLabel(CommandSpec spec, String label) {
    if (label != null && ContractRules.DISPLAY_NAME.problem(label) != null) {
      throw new ParameterException(
          spec.commandLine(), "--label " + ContractRules.DISPLAY_NAME.problem(label));
    }
  }

  /** The key alone on standard output (for a script), what it is on standard error. */
  private static void announce(CommandSpec spec, Issued issued) {
    MerchantApiKey record = issued.record();
    spec.commandLine()
        .getErr()
        .println(
            "Created "
                + record.getKeyId()
                + " for "
                + record.getMerchantId()
                + " with "
                + String.join(",", record.getScopes())
                + ". The key follows; it is shown only now:");
    spec.commandLine().getErr().flush();
    spec.commandLine().getOut().println(issued.key());
    spec.commandLine().getOut().flush();
  }

  private static int unknown(CommandSpec spec, String keyId) {
    spec.commandLine().getErr().println("payrail: no key " + keyId + " in merchant-keys");
    return UNKNOWN_KEY;
  }

  /** One key of {@code keys list}. */
  static String line(MerchantApiKey key, Instant now) {
    String state =
        key.getRevokedAt() == null
            ? "live"
            : key.getRevokedAt().isAfter(now)
                ? "live until " + key.getRevokedAt()
                : "revoked " + key.getRevokedAt();
    return String.join(
        "  ",
        key.getKeyId(),
        key.getMerchantId(),
        String.join(",", key.getScopes()),
        key.getLabel() == null ? "-" : key.getLabel(),
        "created " + key.getCreatedAt(),
        state,
        key.getReplaces() == null ? "" : "replaces " + key.getReplaces());
  }
}
