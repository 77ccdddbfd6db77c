package io.payrail.schemas.topics;

/** Kafka's {@code cleanup.policy} for a topic. */
public enum CleanupPolicy {
  /** Records expire by retention; used for event streams. */
  DELETE("delete"),
  /** The latest record per key is kept; used for current-state topics such as balances. */
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  public String configValue() {
    return configValue;
  }
}
