package io.payrail.audit;

import io.payrail.audit.deadletter.DeadLetterSettings;
import io.payrail.audit.loyalty.LoyaltyRules;
import io.payrail.loyalty.rules.LoyaltyProgramRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the audit reads from and what it covers.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl the Confluent-API schema registry the result topics' schemas are in
 * @param clientProperties extra Kafka client and registry properties (security, basic auth), may be
 *     empty
 * @param jdbcUrl Connector/J URL of the ledger database
 * @param jdbcUser ledger database user
 * @param jdbcPassword ledger database password (never rendered)
 * @param merchantId audit only this merchant's orders; empty audits every merchant's
 * @param orderIdPrefix audit only orders whose orderId starts with this (at every merchant in
 *     scope: an orderId is unique only within its merchant); empty audits every orderId
 * @param readTimeout how long reading the topics to their end offsets may take before the audit
 *     gives up (an incomplete read would report phantom discrepancies)
 * @param loyaltyRules the loyalty programme the balances are recomputed with
 * @param unknownPaymentThreshold how long a payment may wait for the reconciler (UNKNOWN) before
 *     the audit reports it
 * @param unknownRefundThreshold how long a refund may wait for the reconciler (UNKNOWN) before the
 *     audit reports it
 * @param settle how far behind its start the audit cuts: orders and customers with a record or
 *     ledger row newer than that are in flight and left to a later audit (zero: everything written
 *     before the audit starts is compared, for a pipeline known to be quiet)
 */
public record AuditSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Map<String, String> clientProperties,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String merchantId,
    String orderIdPrefix,
    Duration readTimeout,
    LoyaltyProgramRules loyaltyRules,
    Duration unknownPaymentThreshold,
    Duration unknownRefundThreshold,
    Duration settle) {

  public static final String BOOTSTRAP_SERVERS_VARIABLE = "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS";
  public static final String SCHEMA_REGISTRY_URL_VARIABLE = "PAYRAIL_SCHEMA_REGISTRY_URL";
  public static final String DB_URL_VARIABLE = "PAYRAIL_DB_URL";
  public static final String DB_USER_VARIABLE = "PAYRAIL_DB_USER";
  public static final String DB_PASSWORD_VARIABLE = "PAYRAIL_DB_PASSWORD";
  public static final String MERCHANT_ID_VARIABLE = "PAYRAIL_AUDIT_MERCHANT_ID";
  public static final String ORDER_ID_PREFIX_VARIABLE = "PAYRAIL_AUDIT_ORDER_ID_PREFIX";
  public static final String READ_TIMEOUT_VARIABLE = "PAYRAIL_AUDIT_READ_TIMEOUT";
  public static final String UNKNOWN_PAYMENT_THRESHOLD_VARIABLE =
      "PAYRAIL_AUDIT_UNKNOWN_PAYMENT_THRESHOLD";
  public static final String UNKNOWN_REFUND_THRESHOLD_VARIABLE =
      "PAYRAIL_AUDIT_UNKNOWN_REFUND_THRESHOLD";
  public static final String SETTLE_VARIABLE = "PAYRAIL_AUDIT_SETTLE";

  /** The services' own defaults (their application.yml), so a local run needs no settings. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081";
  public static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3307/payrail";
  public static final String DEFAULT_DB_USER = "root";
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** A few reconciler rounds (payment-processor, payrail.reconciler.*) and then some. */
  public static final Duration DEFAULT_UNKNOWN_PAYMENT_THRESHOLD = Duration.ofMinutes(15);

  /** A few reconciler rounds (refund-processor, payrail.reconciler.*) and then some. */
  public static final Duration DEFAULT_UNKNOWN_REFUND_THRESHOLD = Duration.ofMinutes(15);

  /**
   * Well above an order's way through a healthy pipeline (seconds) and the clock skew between
   * hosts, well below the UNKNOWN thresholds.
   */
  public static final Duration DEFAULT_SETTLE = Duration.ofMinutes(2);

  public AuditSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    jdbcUser = jdbcUser == null ? "" : jdbcUser;
    jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
    merchantId = merchantId == null ? "" : merchantId;
    orderIdPrefix = orderIdPrefix == null ? "" : orderIdPrefix;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    loyaltyRules = loyaltyRules == null ? LoyaltyRules.defaults() : loyaltyRules;
    unknownPaymentThreshold =
        unknownPaymentThreshold == null
            ? DEFAULT_UNKNOWN_PAYMENT_THRESHOLD
            : unknownPaymentThreshold;
    unknownRefundThreshold =
        unknownRefundThreshold == null ? DEFAULT_UNKNOWN_REFUND_THRESHOLD : unknownRefundThreshold;
    settle = settle == null ? DEFAULT_SETTLE : settle;
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle must not be negative");
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive");
    }
  }

  /**
   * Settings from the same environment variables as the services ({@code PAYRAIL_KAFKA_*}, {@code
   * PAYRAIL_SCHEMA_REGISTRY_URL}, {@code PAYRAIL_DB_*}, {@code PAYRAIL_LOYALTY_*}) plus {@code
   * PAYRAIL_AUDIT_MERCHANT_ID}, {@code PAYRAIL_AUDIT_ORDER_ID_PREFIX}, {@code
   * PAYRAIL_AUDIT_READ_TIMEOUT} (e.g. {@code 90s}), {@code PAYRAIL_AUDIT_UNKNOWN_PAYMENT_THRESHOLD}
   * and {@code PAYRAIL_AUDIT_UNKNOWN_REFUND_THRESHOLD} (e.g. {@code 15m}) and {@code
   * PAYRAIL_AUDIT_SETTLE} (e.g. {@code 2m}).
   */
  public static AuditSettings fromEnvironment(Map<String, String> environment) {
    return new AuditSettings(
        environment.getOrDefault(BOOTSTRAP_SERVERS_VARIABLE, DEFAULT_BOOTSTRAP_SERVERS),
        environment.getOrDefault(SCHEMA_REGISTRY_URL_VARIABLE, DEFAULT_SCHEMA_REGISTRY_URL),
        Map.of(),
        environment.getOrDefault(DB_URL_VARIABLE, DEFAULT_DB_URL),
        environment.getOrDefault(DB_USER_VARIABLE, DEFAULT_DB_USER),
        environment.getOrDefault(DB_PASSWORD_VARIABLE, ""),
        environment.getOrDefault(MERCHANT_ID_VARIABLE, ""),
        environment.getOrDefault(ORDER_ID_PREFIX_VARIABLE, ""),
        DurationText.parse(environment.get(READ_TIMEOUT_VARIABLE), DEFAULT_READ_TIMEOUT),
        LoyaltyRules.fromEnvironment(environment),
        DurationText.parse(
            environment.get(UNKNOWN_PAYMENT_THRESHOLD_VARIABLE), DEFAULT_UNKNOWN_PAYMENT_THRESHOLD),
        DurationText.parse(
            environment.get(UNKNOWN_REFUND_THRESHOLD_VARIABLE), DEFAULT_UNKNOWN_REFUND_THRESHOLD),
        DurationText.parse(environment.get(SETTLE_VARIABLE), DEFAULT_SETTLE));
  }

  /**
   * These settings scoped to the orders of one merchant ({@code merchantId}; empty for every
   * merchant), keeping the orderId prefix.
   */
  public AuditSettings withMerchant(String merchantId) {
    return new AuditSettings(
        bootstrapServers,
        schemaRegistryUrl,
        clientProperties,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        merchantId,
        orderIdPrefix,
        readTimeout,
        loyaltyRules,
        unknownPaymentThreshold,
        unknownRefundThreshold,
        settle);
  }

  /**
   * These settings scoped to the orders whose orderId starts with {@code prefix}, keeping the
   * merchant.
   */
  public AuditSettings withOrderIdPrefix(String prefix) {
    return new AuditSettings(
        bootstrapServers,
        schemaRegistryUrl,
        clientProperties,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        merchantId,
        prefix,
        readTimeout,
        loyaltyRules,
        unknownPaymentThreshold,
        unknownRefundThreshold,
        settle);
  }

  /** These settings with another settle time. */
  public AuditSettings withSettle(Duration settle) {
    return new AuditSettings(
        bootstrapServers,
        schemaRegistryUrl,
        clientProperties,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        merchantId,
        orderIdPrefix,
        readTimeout,
        loyaltyRules,
        unknownPaymentThreshold,
        unknownRefundThreshold,
        settle);
  }

  /** The dead-letter tools' settings for the same cluster. */
  public DeadLetterSettings deadLetterSettings() {
    return new DeadLetterSettings(
        bootstrapServers, schemaRegistryUrl, clientProperties, readTimeout);
  }

  /** Whether an order is covered by this audit: its merchant's, and its orderId has the prefix. */
  public boolean covers(OrderKey order) {
    return (merchantId.isEmpty() || merchantId.equals(order.merchantId()))
        && order.orderId().startsWith(orderIdPrefix);
  }

  /** Whether the audit covers every order, of every merchant. */
  public boolean unscoped() {
    return merchantId.isEmpty() && orderIdPrefix.isEmpty();
  }

  @Override
  public String toString() {
    return "AuditSettings[bootstrapServers="
        + bootstrapServers
        + ", schemaRegistryUrl="
        + schemaRegistryUrl
        + ", jdbcUrl="
        + jdbcUrl
        + ", jdbcUser="
        + jdbcUser
        + ", merchantId="
        + merchantId
        + ", orderIdPrefix="
        + orderIdPrefix
        + ", readTimeout="
        + readTimeout
        + ", settle="
        + settle
        + "]";
  }
}
