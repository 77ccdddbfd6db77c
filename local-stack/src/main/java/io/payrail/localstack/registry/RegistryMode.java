package io.payrail.localstack.registry;

import java.util.Locale;

/**
 * Confluent Schema Registry's modes, global or per subject. READWRITE registers and deletes;
 * READONLY (and READONLY_OVERRIDE, which a global setting imposes on every subject) refuses both;
 * IMPORT takes registrations only with an explicit id, skips compatibility checks, and is how a
 * registry's contents are copied from another one with the same ids.
 */
enum RegistryMode {
  READWRITE,
  READONLY,
  READONLY_OVERRIDE,
  IMPORT;

  static RegistryMode parse(String value) {
    if (value == null) {
      throw RegistryError.invalidMode();
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidMode();
    }
  }

  boolean isReadOnly() {
    return this == READONLY || this == READONLY_OVERRIDE;
  }
}
