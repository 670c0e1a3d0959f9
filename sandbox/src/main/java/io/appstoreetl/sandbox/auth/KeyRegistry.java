package io.appstoreetl.sandbox.auth;

import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The API keys the sandbox accepts: key id to issuer id and public key. Thread-safe. */
public final class KeyRegistry {

  /**
   * A registered key.
   *
   * @param issuerId issuer id of a team key, or null for an individual key (tokens with {@code
   *     sub=user} and no {@code iss})
   * @param publicKey the P-256 public key that verifies the key's tokens
   */
  public record RegisteredKey(String issuerId, ECPublicKey publicKey) {}

  private final Map<String, RegisteredKey> keys = new ConcurrentHashMap<>();

  /** Adds or replaces a key. */
  public void register(String keyId, String issuerId, ECPublicKey publicKey) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("Invalid keyId: '" + keyId + "' (expected a key id)");
    }
    if (publicKey == null) {
      throw new IllegalArgumentException("publicKey == null");
    }
    int fieldSize = publicKey.getParams().getCurve().getField().getFieldSize();
    if (fieldSize != 256) {
      throw new IllegalArgumentException(
          "Invalid publicKey: a " + fieldSize + "-bit curve (expected P-256 for ES256)");
    }
    keys.put(keyId, new RegisteredKey(issuerId, publicKey));
  }

  public Optional<RegisteredKey> find(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }
}
