package io.payrail.localstack.testing;

import io.payrail.schemas.registry.RegisteredSchema;
import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A fake of Payrail's registry client for TopologyTestDriver tests: ids in registration order. */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final List<Schema> byId = new ArrayList<>();
  private final Map<String, List<Schema>> bySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    int id = byId.indexOf(schema);
    if (id < 0) {
      byId.add(schema);
      id = byId.size() - 1;
    }
    List<Schema> versions = bySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(schema)) {
      versions.add(schema);
    }
    return id + 1;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    if (!bySubject.getOrDefault(subject, List.of()).contains(schema)) {
      throw new SchemaRegistryException(404, 40403, "schema not registered under " + subject);
    }
    return byId.indexOf(schema) + 1;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    if (id < 1 || id > byId.size()) {
      throw new SchemaRegistryException(404, 40403, "no schema with id " + id);
    }
    return byId.get(id - 1);
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Schema> versions = bySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(404, 40401, "no subject " + subject);
    }
    Schema schema = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, byId.indexOf(schema) + 1, versions.size(), schema);
  }
}
