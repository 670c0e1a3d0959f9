package io.appstoreetl.extractor.auth;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs App Store Connect API tokens (ES256) with a team key and reuses each token until one minute
 * before it expires.
 *
 * <p>Apple rejects tokens that live longer than 20 minutes ({@code exp - iat > 1200}); 15 minutes
 * leaves room for a skewed clock.
 */
public final class JwtTokenProvider implements BearerTokens {
  public static final String AUDIENCE = "appstoreconnect-v1";
  public static final Duration LIFETIME = Duration.ofMinutes(15);
  public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

  private final String issuerId;
  private final String keyId;
  private final PrivateKey privateKey;
  private final Clock clock;

  private String token; // guarded by this
  private Instant expiresAt; // guarded by this

  public JwtTokenProvider(String issuerId, String keyId, PrivateKey privateKey, Clock clock) {
    if (issuerId == null || issuerId.isBlank()) {
      throw new IllegalArgumentException("Invalid issuer id: " + issuerId + " (expected a UUID)");
    }
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException(
          "Invalid key id: " + keyId + " (expected e.g. 2X9R4HXF34)");
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("Invalid private key: privateKey == null");
    }

    this.issuerId = issuerId;
    this.keyId = keyId;
    this.privateKey = privateKey;
    this.clock = clock;
  }

  @Override
  public synchronized String current() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
      return mint(now);
    }

    return token;
  }

  @Override
  public synchronized String refresh() {
    return mint(clock.instant());
  }

  private String mint(Instant now) {
    // JWT times are whole seconds; truncating first keeps exp - iat exactly the lifetime.
    Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
    Instant expiration = issuedAt.plus(LIFETIME);
    token =
        Jwts.builder()
            .header()
            .keyId(keyId)
            .type("JWT")
            .and()
            .issuer(issuerId)
            .issuedAt(Date.from(issuedAt))
            .expiration(Date.from(expiration))
            // Apple expects "aud" as a single string; jjwt's audience().add() writes an array.
            .audience()
            .single(AUDIENCE)
            .signWith(privateKey, Jwts.SIG.ES256)
            .compact();
    expiresAt = expiration;

    return token;
  }
}
