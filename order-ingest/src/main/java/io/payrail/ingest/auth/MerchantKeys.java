package io.payrail.ingest.auth;

import io.payrail.events.MerchantApiKey;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.ApiKeys;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the merchant and scopes of an API key, among the configured entries and the keys {@code
 * ./payrail keys} issued ({@link IssuedKeys}). A configured entry is {@code merchantId:sha256hex},
 * optionally followed by {@code ;scopes=} and the key's {@link Scope}s joined by {@code +} ({@code
 * shop-1:ab12…;scopes=orders:write+orders:read}); an entry without {@code ;scopes=} has every
 * scope. A list that names none of {@link Scope#ALWAYS_GRANTED_BEFORE} was written when only the
 * review scopes existed, and keeps those too. Hashes are compared in constant time.
 */
public final class MerchantKeys {

  private static final int SHA256_BYTES = 32;
  private static final int KEY_ID_BYTES = 4;
  private static final String SCOPES = ";scopes=";

  private final List<Entry> entries;
  private final Function<String, Optional<MerchantApiKey>> issued;
  private final Clock clock;

  private record Entry(String merchantId, byte[] keyHash, Set<Scope> scopes) {}

  /** Only configured keys. */
  public MerchantKeys(List<String> configured) {
    this(configured, keyId -> Optional.empty(), Clock.systemUTC());
  }

  /**
   * @param issued the latest record of an issued key by its id ({@link IssuedKeys#byId})
   * @param clock tells whether a revocation has taken effect
   */
  public MerchantKeys(
      List<String> configured, Function<String, Optional<MerchantApiKey>> issued, Clock clock) {
    this.issued = issued;
    this.clock = clock;
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
    if (Collections.disjoint(scopes, Scope.ALWAYS_GRANTED_BEFORE)) {
      scopes.addAll(Scope.ALWAYS_GRANTED_BEFORE);
    }
    return Set.copyOf(scopes);
  }

  /**
   * An authenticated key: its merchant, an id that names the key without revealing it (for per-key
   * limits, metrics and logs), and its scopes.
   */
  public record ApiKey(String id, Merchant merchant, Set<Scope> scopes) {

    public ApiKey {
      scopes = Set.copyOf(scopes);
    }
  }

  /**
   * The key and its merchant: a configured entry (every one is compared, so timing says nothing),
   * else an issued key that is live now. An issued key is looked up by the id its hash gives, then
   * its whole hash is compared.
   */
  public Optional<ApiKey> find(String apiKey) {
    byte[] hash = ApiKeys.sha256(apiKey);
    Entry found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(hash, entry.keyHash()) && found == null) {
        found = entry;
      }
    }
    if (found != null) {
      return Optional.of(
          new ApiKey(
              found.merchantId() + "/" + HexFormat.of().formatHex(found.keyHash(), 0, KEY_ID_BYTES),
              new Merchant(found.merchantId()),
              found.scopes()));
    }
    if (!apiKey.startsWith(ApiKeys.KEY_PREFIX)) {
      return Optional.empty();
    }
    return issued
        .apply(ApiKeys.idOf(hash))
        .filter(key -> ApiKeys.matches(key, hash) && ApiKeys.liveAt(key, clock.instant()))
        .map(
            key ->
                new ApiKey(
                    key.getKeyId(),
                    new Merchant(key.getMerchantId()),
                    Scope.known(key.getScopes())));
  }
}
