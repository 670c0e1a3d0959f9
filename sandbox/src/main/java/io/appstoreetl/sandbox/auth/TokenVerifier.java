package io.appstoreetl.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks App Store Connect bearer tokens as Apple does: an ES256 JWT signed by a registered key,
 * with {@code aud=appstoreconnect-v1}, a known issuer (or {@code sub=user} for an individual key),
 * {@code iat} present, {@code exp} in the future by the wall clock, and a lifetime {@code exp -
 * iat} of at most 20 minutes.
 *
 * <p>The signature must be JWS's fixed 64-byte R||S form. A DER-encoded signature is rejected even
 * when it is mathematically valid, because a public client reports that Apple rejects it. When the
 * token carries a {@code scope}, one entry must match the call's method, path and query (ignoring
 * {@code limit}, {@code cursor} and {@code sort}); an entry without a query string matches any
 * query.
 */
public final class TokenVerifier {

  public static final String AUDIENCE = "appstoreconnect-v1";

  /** Longest accepted lifetime {@code exp - iat} for the endpoints the sandbox serves. */
  public static final long MAX_LIFETIME_SECONDS = 1200;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> SCOPE_IGNORED_PARAMETERS = Set.of("limit", "cursor", "sort");

  private final KeyRegistry keys;
  private final Clock clock;

  public TokenVerifier(KeyRegistry keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Verifies the Authorization header of a call and returns the token's key id.
   *
   * @throws TokenRejectedException naming the broken rule, never the token
   */
  public String verify(String authorization, String method, String path, QueryParameters query)
      throws TokenRejectedException {
    if (authorization == null) {
      throw new TokenRejectedException("Authorization header is missing");
    }
    if (!authorization.startsWith("Bearer ")) {
      throw new TokenRejectedException("Authorization header is not a Bearer token");
    }
    String token = authorization.substring("Bearer ".length()).trim();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenRejectedException("token does not have three dot-separated parts");
    }
    JsonNode header = decodeJson(parts[0], "header");
    JsonNode payload = decodeJson(parts[1], "payload");

    if (!"ES256".equals(header.path("alg").asText(null))) {
      throw new TokenRejectedException("alg is not ES256");
    }
    String keyId = header.path("kid").asText(null);
    KeyRegistry.RegisteredKey key =
        keys.find(keyId == null ? "" : keyId)
            .orElseThrow(() -> new TokenRejectedException("kid is not a registered key id"));
    verifySignature(parts, key);

    checkAudience(payload);
    checkIssuer(payload, key);
    checkTimes(payload);
    checkScope(payload, method, path, query);
    return keyId;
  }

  private static JsonNode decodeJson(String part, String name) throws TokenRejectedException {
    try {
      JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw new TokenRejectedException(name + " is not a JSON object");
      }
      return node;
    } catch (IllegalArgumentException | IOException e) {
      throw new TokenRejectedException(name + " is not base64url-encoded JSON");
    }
  }

  private static void verifySignature(String[] parts, KeyRegistry.RegisteredKey key)
      throws TokenRejectedException {
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new TokenRejectedException("signature is not base64url-encoded");
    }
    // ES256 in a JWS is R||S, 32 bytes each; DER (what SHA256withECDSA emits) is longer.
    if (signature.length != 64) {
      throw new TokenRejectedException(
          "signature is " + signature.length + " bytes, not the 64-byte R||S form");
    }
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key.publicKey());
      verifier.update(signingInput);
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new TokenRejectedException("signature does not verify with the registered key");
    }
  }

  private static void checkAudience(JsonNode payload) throws TokenRejectedException {
    if (!AUDIENCE.equals(payload.path("aud").asText(null))) {
      throw new TokenRejectedException("aud is not " + AUDIENCE);
    }
  }

  private static void checkIssuer(JsonNode payload, KeyRegistry.RegisteredKey key)
      throws TokenRejectedException {
    JsonNode issuer = payload.get("iss");
    if (issuer != null && !issuer.isNull()) {
      if (key.issuerId() == null || !key.issuerId().equals(issuer.asText())) {
        throw new TokenRejectedException("iss is not the issuer id registered for the key");
      }
      return;
    }
    if (!"user".equals(payload.path("sub").asText(null))) {
      throw new TokenRejectedException("iss is missing and sub is not 'user'");
    }
  }

  private void checkTimes(JsonNode payload) throws TokenRejectedException {
    JsonNode issuedAt = payload.get("iat");
    if (issuedAt == null || !issuedAt.isIntegralNumber()) {
      throw new TokenRejectedException("iat is missing or not an integer");
    }
    JsonNode expiry = payload.get("exp");
    if (expiry == null || !expiry.isIntegralNumber()) {
      throw new TokenRejectedException("exp is missing or not an integer");
    }
    long nowSeconds = clock.instant().getEpochSecond();
    if (expiry.asLong() <= nowSeconds) {
      throw new TokenRejectedException("exp is not after the current time");
    }
    if (expiry.asLong() - issuedAt.asLong() > MAX_LIFETIME_SECONDS) {
      throw new TokenRejectedException(
          "lifetime exp - iat is over " + MAX_LIFETIME_SECONDS + " seconds");
    }
  }

  private static void checkScope(
      JsonNode payload, String method, String path, QueryParameters query)
      throws TokenRejectedException {
    JsonNode scope = payload.get("scope");
    if (scope == null || scope.isNull()) {
      return;
    }
    if (!scope.isArray()) {
      throw new TokenRejectedException("scope is not an array");
    }
    for (JsonNode entry : scope) {
      if (scopeMatches(entry.asText(""), method, path, query)) {
        return;
      }
    }
    throw new TokenRejectedException("no scope entry matches the call");
  }

  private static boolean scopeMatches(
      String entry, String method, String path, QueryParameters query) {
    int space = entry.indexOf(' ');
    if (space < 0 || !entry.substring(0, space).equals(method)) {
      return false;
    }
    String target = entry.substring(space + 1);
    int questionMark = target.indexOf('?');
    String entryPath = questionMark < 0 ? target : target.substring(0, questionMark);
    if (!entryPath.equals(path)) {
      return false;
    }
    if (questionMark < 0) {
      return true;
    }
    QueryParameters entryQuery = QueryParameters.parse(target.substring(questionMark + 1));
    return significantParameters(entryQuery).equals(significantParameters(query));
  }

  private static Map<String, String> significantParameters(QueryParameters query) {
    Map<String, String> parameters = new HashMap<>();
    for (String name : query.names()) {
      if (!SCOPE_IGNORED_PARAMETERS.contains(name)) {
        parameters.put(name, query.get(name).orElse(""));
      }
    }
    return parameters;
  }
}
