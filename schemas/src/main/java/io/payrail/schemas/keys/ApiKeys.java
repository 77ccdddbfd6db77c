package io.payrail.schemas.keys;

import io.payrail.events.MerchantApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The rules of an issued API key ({@link MerchantApiKey}, topic {@code merchant-keys}): how a key
 * is made, hashed and named, and when it is live. The issuer ({@code ./payrail keys}) and the
 * checker (the facade) must agree on all of them, so they live here, with the contract.
 */
public final class ApiKeys {

  /** Every issued key starts with it, so a leaked key is recognisable (secret scanners). */
  public static final String KEY_PREFIX = "prk_";

  /** Every key id starts with it; a key never does, so {@code keys revoke} tells them apart. */
  public static final String ID_PREFIX = "key_";

  /** 256 bits: guessing is hopeless, and a hash of the key needs no salt or stretching. */
  private static final int KEY_BYTES = 32;

  /** 64 bits of the hash name a key: collisions need about 4 billion keys. */
  private static final int ID_BYTES = 8;

  private ApiKeys() {}

  /** A new random key: {@value #KEY_PREFIX} and 43 base64url characters. */
  public static String newKey(SecureRandom random) {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the key's UTF-8 bytes. */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The id of the key with this SHA-256: {@value #ID_PREFIX} and its first 16 hex digits. */
  public static String idOf(byte[] keySha256) {
    return ID_PREFIX + HexFormat.of().formatHex(keySha256, 0, ID_BYTES);
  }

  /** The id of a key. */
  public static String idOf(String key) {
    return idOf(sha256(key));
  }

  /** Whether a key id was given rather than a key. */
  public static boolean isId(String keyOrId) {
    return keyOrId.startsWith(ID_PREFIX);
  }

  /** The id of what an operator named: a key id as it is, a key by its hash. */
  public static String idOfKeyOrId(String keyOrId) {
    return isId(keyOrId) ? keyOrId : idOf(keyOrId);
  }

  /**
   * Whether the record is live at {@code now}: not revoked, or revoked from a moment still to come
   * (a rotation's grace period).
   */
  public static boolean liveAt(MerchantApiKey key, Instant now) {
    return key.getRevokedAt() == null || key.getRevokedAt().isAfter(now);
  }

  /** Whether {@code key}'s hash is the record's, compared in constant time. */
  public static boolean matches(MerchantApiKey record, byte[] keySha256) {
    return MessageDigest.isEqual(keySha256, HexFormat.of().parseHex(record.getKeySha256()));
  }
}
