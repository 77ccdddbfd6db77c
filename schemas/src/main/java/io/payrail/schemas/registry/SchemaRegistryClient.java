package io.payrail.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of Confluent Schema Registry's REST API that serdes need. Implementations cache, so that
 * a serde makes one call per schema, never one per record.
 */
public interface SchemaRegistryClient {

  /** Registers the schema under the subject (or finds it there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under the subject; fails with 40401 or 40403. */
  int idOf(String subject, Schema schema);

  /** The schema with this global id; fails with 40403 when there is none. */
  Schema schemaById(int id);

  /** The newest version registered under the subject; fails with 40401 when there is none. */
  RegisteredSchema latest(String subject);
}
