package io.payrail.launcher.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.MerchantApiKey;
import io.payrail.launcher.PayrailLauncher;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.ApiKeys;
import io.payrail.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./payrail keys} against a real broker and registry: what it prints, and what it leaves in
 * {@code merchant-keys} (the records the facade authenticates from, never a key).
 */
class KeysCommandTest {

  private static final TestInfrastructure INFRA = TestInfrastructure.shared();

  /** One run of the command: its exit status and both outputs. */
  record Run(int status, String out, String err) {}

  private static Run keys(String... args) {
    List<String> line = new ArrayList<>(List.of("keys"));
    line.add(args[0]);
    line.add("--bootstrap-servers=" + INFRA.bootstrapServers());
    line.add("--schema-registry-url=" + INFRA.schemaRegistryUrl());
    line.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command =
        PayrailLauncher.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    int status = command.execute(line.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  private static KeyDirectory directory() {
    return new KeyDirectory(
        INFRA.bootstrapServers(),
        INFRA.schemaRegistryUrl().toString(),
        Map.of(),
        Duration.ofSeconds(30));
  }

  @Test
  void createPrintsTheKeyOnceAndStoresOnlyItsHash() {
    Run created =
        keys(
            "create",
            "--merchant",
            "shop-keys-1",
            "--scopes",
            "orders:write,orders:read",
            "--label",
            "checkout");

    assertThat(created.status()).isZero();
    String key = created.out().strip();
    assertThat(key).startsWith(ApiKeys.KEY_PREFIX).doesNotContain("\n");
    String keyId = ApiKeys.idOf(key);
    assertThat(created.err()).contains(keyId).contains("shop-keys-1").doesNotContain(key);

    MerchantApiKey stored = directory().current().get(keyId);
    assertThat(stored.getMerchantId()).isEqualTo("shop-keys-1");
    assertThat(stored.getKeySha256()).isEqualTo(HexFormat.of().formatHex(ApiKeys.sha256(key)));
    assertThat(stored.getScopes()).containsExactly("orders:write", "orders:read");
    assertThat(stored.getLabel()).isEqualTo("checkout");
    assertThat(stored.getRevokedAt()).isNull();
    assertThat(rawTopic()).as("no record holds the key itself").doesNotContain(key);
  }

  @Test
  void listShowsAMerchantsKeysWithTheirStateButNeverAKey() {
    String key =
        keys("create", "--merchant", "shop-keys-2", "--scopes", "orders:read").out().strip();

    Run listed = keys("list", "--merchant", "shop-keys-2");

    assertThat(listed.status()).isZero();
    assertThat(listed.out())
        .contains(ApiKeys.idOf(key) + "  shop-keys-2  orders:read  -  created ")
        .contains("live")
        .contains("1 key(s)")
        .doesNotContain(key);
    assertThat(keys("list", "--merchant", "shop-keys-none").out()).contains("0 key(s)");
  }

  @Test
  void rotateIssuesASecondKeyAndRevokesTheFirstAfterTheGraceThenRevokeEndsItNow() {
    String first =
        keys("create", "--merchant", "shop-keys-3", "--scopes", "orders:write,refunds:write")
            .out()
            .strip();

    Run rotated = keys("rotate", ApiKeys.idOf(first), "--grace", "1h");

    assertThat(rotated.status()).isZero();
    String second = rotated.out().strip();
    assertThat(second).startsWith(ApiKeys.KEY_PREFIX).isNotEqualTo(first);
    Map<String, MerchantApiKey> keys = directory().current();
    MerchantApiKey old = keys.get(ApiKeys.idOf(first));
    MerchantApiKey next = keys.get(ApiKeys.idOf(second));
    assertThat(next.getReplaces()).isEqualTo(old.getKeyId());
    assertThat(next.getScopes()).containsExactly("orders:write", "refunds:write");
    assertThat(old.getRevokedAt()).isAfter(next.getCreatedAt().plus(Duration.ofMinutes(59)));
    assertThat(keys("list", "--merchant", "shop-keys-3").out()).contains("live until");

    Run revoked = keys("revoke", first);

    assertThat(revoked.status()).isZero();
    MerchantApiKey ended = directory().current().get(ApiKeys.idOf(first));
    assertThat(ended.getRevokedAt()).isBefore(old.getRevokedAt());
    assertThat(keys("list", "--merchant", "shop-keys-3").out())
        .contains(ApiKeys.idOf(first) + "  shop-keys-3")
        .contains("revoked ")
        .contains("replaces " + ApiKeys.idOf(first));
    assertThat(keys("rotate", first).status()).as("a revoked key cannot be rotated").isEqualTo(2);
  }

  @Test
  void anUnknownKeyOrScopeIsRefusedAndWritesNothing() {
    int before = directory().current().size();

    assertThat(keys("revoke", "key_0000000000000000").status()).isEqualTo(KeysCommand.UNKNOWN_KEY);
    Run badScope =
        keys("create", "--merchant", "shop-keys-4", "--scopes", "orders:write,refunds:admin");
    assertThat(badScope.status()).isEqualTo(2);
    assertThat(badScope.err()).contains("refunds:admin");
    assertThat(keys("create", "--merchant", "shop/4", "--scopes", "orders:read").status())
        .isEqualTo(2);

    assertThat(directory().current()).hasSize(before);
  }

  /** Every byte of every record in the topic, as text. */
  private static String rawTopic() {
    Map<String, Object> config = new HashMap<>(INFRA.clientConfig());
    config.put("auto.offset.reset", "earliest");
    config.put("enable.auto.commit", false);
    StringBuilder all = new StringBuilder();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.MERCHANT_KEYS.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          all.append(new String(record.value(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }
}
