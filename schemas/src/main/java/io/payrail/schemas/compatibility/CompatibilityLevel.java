package io.payrail.schemas.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Schema Registry compatibility levels, with Confluent's meaning, checked with Avro's own
 * reader/writer rules.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Parses a level as the registry's REST API spells it, case-insensitively. */
  public static CompatibilityLevel parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("compatibility level is missing");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown compatibility level '" + value + "'", e);
    }
  }

  /**
   * Checks a candidate schema against the versions already registered, oldest first.
   *
   * @return one readable message per incompatibility; empty when the candidate is compatible
   */
  public List<String> violations(Schema candidate, List<Schema> registeredOldestFirst) {
    if (registeredOldestFirst.isEmpty() || this == NONE) {
      return List.of();
    }
    List<Schema> against =
        transitive
            ? registeredOldestFirst
            : List.of(registeredOldestFirst.get(registeredOldestFirst.size() - 1));
    List<String> violations = new ArrayList<>();
    int firstVersion = registeredOldestFirst.size() - against.size() + 1;
    for (int i = 0; i < against.size(); i++) {
      Schema existing = against.get(i);
      int version = firstVersion + i;
      if (newReadsOld) {
        describe(candidate, existing, "new schema cannot read data written with version " + version)
            .forEach(violations::add);
      }
      if (oldReadsNew) {
        describe(
                existing,
                candidate,
                "version " + version + " cannot read data written with new schema")
            .forEach(violations::add);
      }
    }
    return violations;
  }

  private static List<String> describe(Schema reader, Schema writer, String direction) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      messages.add(
          direction
              + ": "
              + incompatibility.getType()
              + " at "
              + namedLocation(reader, incompatibility.getLocation())
              + " ("
              + incompatibility.getMessage()
              + ")");
    }
    return messages;
  }

  /**
   * Avro reports a JSON pointer into the reader schema ({@code /fields/1/type}); naming the fields
   * on the way ({@code Payment.amountMinor}) makes the message readable without the schema.
   */
  private static String namedLocation(Schema reader, String pointer) {
    try {
      JsonNode node = JSON.readTree(reader.toString());
      List<String> names = new ArrayList<>();
      if (node.has("name")) {
        names.add(node.path("name").asText());
      }
      for (String segment : pointer.split("/")) {
        if (segment.isEmpty()) {
          continue;
        }
        node = node.isArray() ? node.path(Integer.parseInt(segment)) : node.path(segment);
        if (node.isObject() && node.has("name") && !segment.equals("type")) {
          names.add(node.path("name").asText());
        }
      }
      return String.join(".", names) + " (" + pointer + ")";
    } catch (IOException | NumberFormatException e) {
      return pointer;
    }
  }
}
