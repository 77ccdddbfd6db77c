package io.payrail.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract's house rules: documented fields, integer money, no card numbers. */
class ContractRulesTest {

  private static final Pattern CARD_NUMBER_FIELD =
      Pattern.compile("(?i).*(cardnumber|card_number|\\bpan\\b|accountnumber|cvc|cvv).*");

  static Stream<Schema> contractSchemas() {
    return Topics.ALL.stream().map(Topic::valueType).map(SpecificData.get()::getSchema);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractSchemas")
  void everyRecordAndFieldIsDocumented(Schema schema) {
    List<String> undocumented = new ArrayList<>();
    visitRecords(
        schema,
        record -> {
          if (blank(record.getDoc())) {
            undocumented.add(record.getFullName());
          }
          record.getFields().stream()
              .filter(field -> blank(field.doc()))
              .forEach(field -> undocumented.add(record.getName() + "." + field.name()));
        });
    assertThat(undocumented).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractSchemas")
  void moneyIsLongMinorUnitsNeverFloatingPoint(Schema schema) {
    visitRecords(
        schema,
        record ->
            record
                .getFields()
                .forEach(
                    field -> {
                      assertThat(types(field.schema()))
                          .as("%s.%s", record.getName(), field.name())
                          .doesNotContain(Schema.Type.FLOAT, Schema.Type.DOUBLE);
                      String name = field.name().toLowerCase(Locale.ROOT);
                      if (name.contains("amount") || name.contains("spend")) {
                        assertThat(name)
                            .as("%s.%s", record.getName(), field.name())
                            .endsWith("minor");
                        assertThat(types(field.schema()))
                            .as("%s.%s", record.getName(), field.name())
                            .containsAnyOf(Schema.Type.LONG, Schema.Type.MAP);
                      }
                    }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractSchemas")
  void noFieldCanHoldACardNumber(Schema schema) {
    visitRecords(
        schema,
        record ->
            record
                .getFields()
                .forEach(
                    field ->
                        assertThat(field.name())
                            .as("%s.%s", record.getName(), field.name())
                            .doesNotMatch(CARD_NUMBER_FIELD)));
  }

  private static void visitRecords(Schema schema, java.util.function.Consumer<Schema> visitor) {
    visit(schema, visitor, new HashSet<>());
  }

  private static void visit(
      Schema schema, java.util.function.Consumer<Schema> visitor, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.add(schema.getFullName())) {
          visitor.accept(schema);
          schema.getFields().forEach(field -> visit(field.schema(), visitor, seen));
        }
      }
      case ARRAY -> visit(schema.getElementType(), visitor, seen);
      case MAP -> visit(schema.getValueType(), visitor, seen);
      case UNION -> schema.getTypes().forEach(type -> visit(type, visitor, seen));
      default -> {
        // primitives and enums hold no fields
      }
    }
  }

  private static Set<Schema.Type> types(Schema schema) {
    Set<Schema.Type> types = new HashSet<>();
    if (schema.getType() == Schema.Type.UNION) {
      schema.getTypes().forEach(type -> types.add(type.getType()));
    } else {
      types.add(schema.getType());
      if (schema.getType() == Schema.Type.MAP) {
        types.add(schema.getValueType().getType());
      }
    }
    return types;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
