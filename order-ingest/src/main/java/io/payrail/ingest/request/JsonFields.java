package io.payrail.ingest.request;

import io.payrail.ingest.problem.FieldError;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.contract.TextRule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the fields of one JSON object and collects every problem instead of stopping at the first,
 * so a client sees all its mistakes in one answer. Getters return a placeholder for an invalid
 * field; the caller builds its value only when {@link #errors()} is empty.
 */
public final class JsonFields {

  private final JsonNode node;
  private final String path;
  private final List<FieldError> errors;

  private JsonFields(JsonNode node, String path, List<FieldError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** The fields of a body's top-level object. */
  public static JsonFields of(JsonNode object) {
    return new JsonFields(object, "", new ArrayList<>());
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Every field not in {@code known} is an error: a typo must not silently drop a value. */
  public JsonFields rejectUnknown(Set<String> known) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        errors.add(new FieldError(at(name), "unknown field"));
      }
    }
    return this;
  }

  /** A required string that follows the contract's {@code rule} (length, alphabet). */
  public String text(String name, TextRule rule) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return missing(name, "");
    }
    if (!value.isString()) {
      errors.add(new FieldError(at(name), "must be a string"));
      return "";
    }
    String problem = rule.problem(value.stringValue());
    if (problem != null) {
      errors.add(new FieldError(at(name), problem));
      return "";
    }
    return value.stringValue();
  }

  /** An optional string that follows the contract's {@code rule}; empty when absent or null. */
  public Optional<String> optionalText(String name, TextRule rule) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(text(name, rule));
  }

  /**
   * An optional ISO-8601 instant in UTC ({@code 2026-11-30T10:15:30Z}); empty when absent or null.
   */
  public Optional<Instant> optionalInstant(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isString()) {
      try {
        return Optional.of(Instant.parse(value.stringValue()));
      } catch (DateTimeParseException e) {
        // Falls through to the error: the message never quotes the value.
      }
    }
    errors.add(
        new FieldError(at(name), "must be an ISO-8601 UTC timestamp such as 2026-11-30T10:15:30Z"));
    return Optional.empty();
  }

  /** An optional integer from {@code min} to {@code max}; empty when absent or null. */
  public Optional<Long> optionalLongInRange(String name, long min, long max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(checkRange(name, value, min, max));
  }

  /** A required integer from {@code min} to {@code max}. */
  public long longInRange(String name, long min, long max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      missing(name, "");
      return 0;
    }
    return checkRange(name, value, min, max);
  }

  /** A required integer from 1 to {@code max}. */
  public int positiveInt(String name, int max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      missing(name, "");
      return 0;
    }
    return (int) checkRange(name, value, 1, max);
  }

  /** A required nested object; an invalid one gives fields of an empty object. */
  public JsonFields object(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      missing(name, "");
      return new JsonFields(JsonNodeFactory.instance.objectNode(), at(name), new ArrayList<>());
    }
    if (!value.isObject()) {
      errors.add(new FieldError(at(name), "must be an object"));
      return new JsonFields(JsonNodeFactory.instance.objectNode(), at(name), new ArrayList<>());
    }
    return new JsonFields(value, at(name), errors);
  }

  /** A required array of {@code 1..maxSize} objects. */
  public List<JsonFields> objects(String name, int maxSize) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      missing(name, "");
      return List.of();
    }
    if (!value.isArray() || value.isEmpty() || value.size() > maxSize) {
      errors.add(new FieldError(at(name), "must be an array of 1 to " + maxSize + " objects"));
      return List.of();
    }
    List<JsonFields> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = at(name) + "[" + i + "]";
      if (!element.isObject()) {
        errors.add(new FieldError(elementPath, "must be an object"));
      } else {
        elements.add(new JsonFields(element, elementPath, errors));
      }
    }
    return elements;
  }

  /** Records a cross-field error on {@code name}. */
  public void error(String name, String message) {
    errors.add(new FieldError(at(name), message));
  }

  private long checkRange(String name, JsonNode value, long min, long max) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      errors.add(new FieldError(at(name), "must be an integer"));
      return 0;
    }
    long number = value.longValue();
    String problem = ContractRules.rangeProblem(number, min, max);
    if (problem != null) {
      errors.add(new FieldError(at(name), problem));
      return 0;
    }
    return number;
  }

  private String missing(String name, String placeholder) {
    errors.add(new FieldError(at(name), "is required"));
    return placeholder;
  }

  private String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
