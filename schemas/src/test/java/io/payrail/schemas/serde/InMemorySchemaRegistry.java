package io.payrail.schemas.serde;

import io.payrail.schemas.registry.RegisteredSchema;
import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** A fake of Payrail's registry client that counts calls, for the serde's unit tests. */
final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized int register(String subject, Schema schema) {
    calls.incrementAndGet();
    int id =
        byId.entrySet().stream()
            .filter(e -> e.getValue().equals(schema))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseGet(
                () -> {
                  int next = byId.size() + 1;
                  byId.put(next, schema);
                  return next;
                });
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    calls.incrementAndGet();
    return subjects.getOrDefault(subject, List.of()).stream()
        .filter(id -> byId.get(id).equals(schema))
        .findFirst()
        .orElseThrow(() -> new SchemaRegistryException(404, 40403, "Schema not found"));
  }

  @Override
  public synchronized Schema schemaById(int id) {
    calls.incrementAndGet();
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(404, 40403, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    calls.incrementAndGet();
    List<Integer> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(404, 40401, "Subject " + subject + " not found");
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, id, versions.size(), byId.get(id));
  }
}
