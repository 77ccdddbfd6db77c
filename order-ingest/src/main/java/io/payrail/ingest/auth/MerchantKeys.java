package io.payrail.ingest.auth;

import io.payrail.schemas.contract.ContractRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the merchant and scopes of an API key by comparing SHA-256 hashes in constant time. An
 * entry is {@code merchantId:sha256hex}, optionally followed by {@code ;scopes=} and the key's
 * {@link Scope}s joined by {@code +} ({@code shop-1:ab12…;scopes=reviews:read+reviews:write}); an
 * entry without {@code ;scopes=} has every scope, and {@code ;scopes=} with nothing after it none.
 */
public final class MerchantKeys {

  private static final int SHA256_BYTES = 32;
  private static final int KEY_ID_BYTES = 4;
  private static final String SCOPES = ";scopes=";

  private final List<Entry> entries;

  private record Entry(String merchantId, byte[] keyHash, Set<Scope> scopes) {}

  public MerchantKeys(List<String> configured) {
    List<Entry> parsed = new ArrayList<>();
    for (String entry : configured) {
      int scopesAt = entry.indexOf(SCOPES);
      String line = scopesAt < 0 ? entry : entry.substring(0, scopesAt);
      Set<Scope> scopes =
          scopesAt < 0 ? Scope.all() : scopes(entry.substring(scopesAt + SCOPES.length()));
      int colon = line.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "payrail.ingest.merchants entries are merchantId:sha256hex, got an entry without ':'");
      }
      byte[] hash = HexFormat.of().parseHex(line.substring(colon + 1).trim().toLowerCase());
      if (hash.length != SHA256_BYTES) {
        throw new IllegalArgumentException(
            "payrail.ingest.merchants: the key hash of "
                + line.substring(0, colon)
                + " is not SHA-256");
      }
      String merchantId = line.substring(0, colon).trim();
      if (ContractRules.MERCHANT_ID.problem(merchantId) != null) {
        throw new IllegalArgumentException(
            "payrail.ingest.merchants: a merchantId "
                + ContractRules.MERCHANT_ID.problem(merchantId));
      }
      parsed.add(new Entry(merchantId, hash, scopes));
    }
    this.entries = List.copyOf(parsed);
  }

  private static Set<Scope> scopes(String list) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : list.trim().split("\\+")) {
      if (value.isBlank()) {
        continue;
      }
      scopes.add(
          Scope.of(value.trim())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "payrail.ingest.merchants: unknown scope '"
                              + value.trim()
                              + "', known: "
                              + Arrays.stream(Scope.values()).map(Scope::value).toList())));
    }
    return Set.copyOf(scopes);
  }

  /**
   * An authenticated key: its merchant, an id that names the key without revealing it (the merchant
   * and the first hex digits of the key's hash), for per-key limits and metrics, and its scopes.
   */
  public record ApiKey(String id, Merchant merchant, Set<Scope> scopes) {

    public ApiKey {
      scopes = Set.copyOf(scopes);
    }
  }

  /** The key and its merchant. Every entry is compared, so timing says nothing. */
  public Optional<ApiKey> find(String apiKey) {
    byte[] hash = sha256(apiKey);
    Entry found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(hash, entry.keyHash()) && found == null) {
        found = entry;
      }
    }
    return Optional.ofNullable(found)
        .map(
            entry ->
                new ApiKey(
                    entry.merchantId()
                        + "/"
                        + HexFormat.of().formatHex(entry.keyHash(), 0, KEY_ID_BYTES),
                    new Merchant(entry.merchantId()),
                    entry.scopes()));
  }

  public static byte[] sha256(String apiKey) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
