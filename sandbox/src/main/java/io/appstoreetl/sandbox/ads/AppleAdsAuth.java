package io.appstoreetl.sandbox.ads;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Apple's OAuth side of Apple Ads: checks a client secret (an ES256 JWT) against the registered
 * client, issues opaque access tokens with a lifetime, and checks them on API calls. Thread-safe.
 */
public final class AppleAdsAuth {
  public static final String AUDIENCE = "https://appleid.apple.com";
  public static final Duration MAX_SECRET_LIFETIME = Duration.ofDays(180);

  /** A registered API user: its team id, key id and public key. */
  record Client(String teamId, String keyId, ECPublicKey publicKey) {}

  /** The client secret was rejected; {@code error} is the OAuth error code. */
  static final class Rejected extends Exception {
    private final String error;

    Rejected(String error, String description) {
      super(description);
      this.error = error;
    }

    String error() {
      return error;
    }
  }

  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger issued = new AtomicInteger();
  private final Clock clock;
  private final Duration tokenLifetime;

  public AppleAdsAuth(Clock clock, Duration tokenLifetime) {
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
  }

  public void register(String clientId, String teamId, String keyId, ECPublicKey publicKey) {
    clients.put(clientId, new Client(teamId, keyId, publicKey));
  }

  /** Returns the lifetime of issued tokens, the token endpoint's {@code expires_in}. */
  Duration tokenLifetime() {
    return tokenLifetime;
  }

  /** Checks the secret of {@code clientId} and returns a new access token. */
  String issue(String clientId, String secret) throws Rejected {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new Rejected("invalid_client", "unknown client_id");
    }
    String[] parts = secret == null ? new String[0] : secret.split("\\.", -1);
    if (parts.length != 3) {
      throw new Rejected("invalid_client", "client_secret is not a JWT");
    }

    JsonNode header = decode(parts[0]);
    JsonNode payload = decode(parts[1]);
    if (!"ES256".equals(header.path("alg").asText())) {
      throw new Rejected("invalid_client", "alg must be ES256");
    }
    if (!client.keyId().equals(header.path("kid").asText())) {
      throw new Rejected("invalid_client", "unknown kid");
    }
    verifySignature(parts, client.publicKey());
    if (!client.teamId().equals(payload.path("iss").asText())) {
      throw new Rejected("invalid_client", "iss must be the team id");
    }
    if (!clientId.equals(payload.path("sub").asText())) {
      throw new Rejected("invalid_client", "sub must be the client id");
    }
    if (!AUDIENCE.equals(payload.path("aud").asText())) {
      throw new Rejected("invalid_client", "aud must be " + AUDIENCE);
    }
    long now = clock.instant().getEpochSecond();
    long issuedAt = payload.path("iat").asLong(-1);
    long expiresAt = payload.path("exp").asLong(-1);
    if (issuedAt < 0 || expiresAt <= now || issuedAt > now + 60) {
      throw new Rejected("invalid_client", "the secret is expired or not yet valid");
    }
    if (expiresAt - issuedAt >= MAX_SECRET_LIFETIME.toSeconds()) {
      throw new Rejected("invalid_client", "exp must be less than 180 days after iat");
    }

    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sandbox-ads-" + HexFormat.of().formatHex(bytes);
    tokens.put(token, clock.instant().plus(tokenLifetime));
    issued.incrementAndGet();
    return token;
  }

  /** Returns whether the token was issued here and has not expired. */
  boolean valid(String token) {
    Instant expiresAt = token == null ? null : tokens.get(token);
    return expiresAt != null && clock.instant().isBefore(expiresAt);
  }

  /** Expires every token issued so far, as if their hour had passed. */
  public void expireAllTokens() {
    Instant now = clock.instant();
    tokens.replaceAll((token, expiry) -> now);
  }

  /** Returns how many access tokens were issued. */
  public int tokensIssued() {
    return issued.get();
  }

  private static JsonNode decode(String part) throws Rejected {
    try {
      return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new Rejected("invalid_client", "the JWT is not base64url JSON");
    }
  }

  private static void verifySignature(String[] parts, ECPublicKey key) throws Rejected {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw new Rejected("invalid_client", "the signature does not verify");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new Rejected("invalid_client", "the signature does not verify");
    }
  }
}
