package io.payrail.schemas.compatibility;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The build-time promise that the contract only evolves in ways every existing reader tolerates:
 * each schema must read all of its published versions (BACKWARD_TRANSITIVE, the level the topics'
 * subjects are registered with).
 */
public final class SchemaEvolutionGuard {

  /** The level every value subject of the contract is registered with. */
  public static final CompatibilityLevel CONTRACT_LEVEL = CompatibilityLevel.BACKWARD_TRANSITIVE;

  private SchemaEvolutionGuard() {}

  /**
   * Checks the current schema against its published history, oldest first.
   *
   * @return the violations; empty when the change is safe
   */
  public static List<String> violations(Schema current, List<Schema> publishedOldestFirst) {
    return CONTRACT_LEVEL.violations(current, publishedOldestFirst);
  }
}
