package io.payrail.schemas.registry;

import org.apache.avro.Schema;

/** A schema as the registry holds it under a subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {}
