package io.payrail.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** The checked-in AsyncAPI document is exactly what {@link Topics} generates. */
class AsyncApiDocumentTest {

  /** Surefire runs in the module's directory: the repository is its parent. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final String REGENERATE =
      "./mvnw -B -pl schemas test -Dtest=AsyncApiDocumentTest -Dpayrail.asyncapi.write=true";

  @Test
  void checkedInDocumentIsWhatTopicsGenerates() throws IOException {
    Path file = ROOT.resolve(AsyncApiDocument.PATH);
    String generated = AsyncApiDocument.render();
    if (Boolean.getBoolean("payrail.asyncapi.write")) {
      Files.writeString(file, generated);
    }

    assertThat(Files.exists(file)).as(file + " exists; create it with: " + REGENERATE).isTrue();
    assertThat(Files.readString(file))
        .as(
            "%s is not what io.payrail.schemas.topics.Topics generates; regenerate it with: %s",
            AsyncApiDocument.PATH, REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyTopicHasItsWritersAndReadersWrittenDown() {
    assertThat(AsyncApiDocument.FLOWS.keySet()).containsExactlyElementsOf(Topics.ALL);
  }

  @Test
  void everyTopicAndDeadLetterTopicIsAChannelWithItsPartitionsAndCleanup() {
    JsonNode channels = AsyncApiDocument.document().path("channels");
    List<String> expected = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      expected.add(topic.name());
      expected.add(topic.deadLetterTopic());
      JsonNode binding = channels.path(topic.name()).path("bindings").path("kafka");
      assertThat(binding.path("partitions").asInt()).isEqualTo(topic.defaultPartitions());
      assertThat(binding.path("topicConfiguration").path("cleanup.policy").get(0).asText())
          .isEqualTo(topic.cleanupPolicy().configValue());
      assertThat(channels.path(topic.deadLetterTopic()).path("messages").fieldNames().next())
          .endsWith("DeadLetter");
    }
    List<String> names = new ArrayList<>();
    channels.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(expected);
  }

  @Test
  void everyPayloadRefersToTheAvscOfItsTopicsValue() throws IOException {
    JsonNode messages = AsyncApiDocument.document().path("components").path("messages");
    Path docs = ROOT.resolve(AsyncApiDocument.PATH).getParent();
    for (Topic<?, ?> topic : Topics.ALL) {
      String ref =
          messages
              .path(topic.valueType().getSimpleName())
              .path("payload")
              .path("schema")
              .path("$ref")
              .asText();
      Path avsc = docs.resolve(ref).normalize();
      assertThat(avsc).as(ref).exists();
      // RiskAssessed names OrderPlaced, defined in its own file (the Avro plugin's imports).
      Schema.Parser parser = new Schema.Parser();
      parser.parse(docs.resolve("../schemas/src/main/avro/OrderPlaced.avsc").toFile());
      Schema schema =
          avsc.endsWith("OrderPlaced.avsc")
              ? parser.getTypes().get("io.payrail.events.OrderPlaced")
              : parser.parse(avsc.toFile());
      // The generated class adds Java-only properties (avro.java.string): compare canonical forms.
      assertThat(SchemaNormalization.toParsingForm(schema))
          .as(ref)
          .isEqualTo(SchemaNormalization.toParsingForm(topic.valueSchema()));
    }
  }
}
