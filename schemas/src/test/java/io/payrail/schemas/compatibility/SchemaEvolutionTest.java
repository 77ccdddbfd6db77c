package io.payrail.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution guard: the build fails when a schema of the contract can no longer read one of its
 * published versions (BACKWARD_TRANSITIVE), or when a changed schema was not recorded as a new
 * published version.
 */
class SchemaEvolutionTest {

  static Stream<Schema> contractSchemas() {
    return Topics.ALL.stream().map(Topic::valueType).map(SpecificData.get()::getSchema);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractSchemas")
  void everySchemaReadsAllItsPublishedVersions(Schema current) {
    List<Schema> published = SchemaHistory.of(current.getName());
    assertThat(published)
        .as("schema-history/%s/v1.avsc must exist", current.getName())
        .isNotEmpty();

    assertThat(SchemaEvolutionGuard.violations(current, published))
        .as("%s breaks BACKWARD_TRANSITIVE compatibility with its published versions", current)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractSchemas")
  void everyChangedSchemaIsRecordedAsAPublishedVersion(Schema current) {
    List<Schema> published = SchemaHistory.of(current.getName());
    Schema latest = published.get(published.size() - 1);

    assertThat(latest.toString())
        .as(
            "%s changed: add it as schema-history/%s/v%d.avsc (Schema#toString(true))",
            current.getName(), current.getName(), published.size() + 1)
        .isEqualTo(current.toString());
  }

  @Test
  void guardRejectsAChangedFieldType() {
    Schema breaking =
        edit(
            OrderPlaced.getClassSchema(),
            "\"name\":\"amountMinor\",\"type\":\"long\"",
            "\"name\":\"amountMinor\",\"type\":\"string\"");

    // One violation per published version, each naming the field.
    assertThat(SchemaEvolutionGuard.violations(breaking, SchemaHistory.of("OrderPlaced")))
        .hasSize(SchemaHistory.of("OrderPlaced").size())
        .allSatisfy(
            violation ->
                assertThat(violation)
                    .contains("TYPE_MISMATCH")
                    .contains("OrderPlaced.amountMinor"));
  }

  @Test
  void guardRejectsANewFieldWithoutDefault() {
    Schema breaking =
        edit(
            OrderPlaced.getClassSchema(),
            "{\"name\":\"shippingCountry\"",
            "{\"name\":\"loyaltyNumber\",\"type\":\"string\"},{\"name\":\"shippingCountry\"");

    assertThat(SchemaEvolutionGuard.violations(breaking, SchemaHistory.of("OrderPlaced")))
        .anySatisfy(
            violation -> assertThat(violation).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
  }

  @Test
  void guardRejectsARemovedEnumSymbol() {
    Schema breaking =
        edit(OrderPlaced.getClassSchema(), "\"WEB\",\"MOBILE\",\"POS\"", "\"WEB\",\"POS\"");

    assertThat(SchemaEvolutionGuard.violations(breaking, SchemaHistory.of("OrderPlaced")))
        .isEmpty();
    // An enum with a default absorbs unknown symbols; without one, removal breaks old data.
    Schema withoutDefault = edit(breaking, ",\"default\":\"OTHER\"", "");
    assertThat(SchemaEvolutionGuard.violations(withoutDefault, SchemaHistory.of("OrderPlaced")))
        .anySatisfy(violation -> assertThat(violation).contains("MISSING_ENUM_SYMBOLS"));
  }

  @Test
  void guardAcceptsANewOptionalField() {
    Schema compatible =
        edit(
            OrderPlaced.getClassSchema(),
            "{\"name\":\"shippingCountry\"",
            "{\"name\":\"couponCode\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"shippingCountry\"");

    assertThat(SchemaEvolutionGuard.violations(compatible, SchemaHistory.of("OrderPlaced")))
        .isEmpty();
  }

  @Test
  void transitiveLevelChecksEveryPublishedVersionNotOnlyTheLatest() {
    Schema v1 = parse("{\"name\":\"id\",\"type\":\"string\"}");
    Schema v2 =
        parse(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
    // v3 drops the default: it can read v2's data but not v1's.
    Schema v3 =
        parse("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\"}");

    assertThat(CompatibilityLevel.BACKWARD.violations(v3, List.of(v1, v2))).isEmpty();
    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(v3, List.of(v1, v2)))
        .singleElement()
        .asString()
        .contains("version 1");
  }

  private static Schema parse(String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[" + fields + "]}");
  }

  private static Schema edit(Schema schema, String from, String to) {
    String json = schema.toString();
    assertThat(json).as("the edit must apply").contains(from);
    return new Schema.Parser().parse(json.replace(from, to));
  }
}
