package io.appstoreetl.extractor.ads;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs the Apple Ads client secret: an ES256 JWT with header {@code kid} (the key id) and claims
 * {@code iss} (the team id), {@code sub} (the client id), {@code aud} {@code
 * https://appleid.apple.com}, {@code iat} and {@code exp}. Apple accepts a secret that expires less
 * than 180 days after it was issued, so it lives {@link #LIFETIME} and is reused until {@link
 * #RENEW_BEFORE_EXPIRY} before it expires. Thread-safe.
 */
public final class ClientSecret {
  public static final String AUDIENCE = "https://appleid.apple.com";
  public static final Duration LIFETIME = Duration.ofDays(179);
  public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(1);

  private final String clientId;
  private final String teamId;
  private final String keyId;
  private final PrivateKey privateKey;
  private final Clock clock;

  private String secret; // guarded by this
  private Instant expiresAt; // guarded by this

  public ClientSecret(
      String clientId, String teamId, String keyId, PrivateKey privateKey, Clock clock) {
    this.clientId = clientId;
    this.teamId = teamId;
    this.keyId = keyId;
    this.privateKey = privateKey;
    this.clock = clock;
  }

  /** Returns a secret that is valid for at least one more day, signing a new one when needed. */
  public synchronized String current() {
    Instant now = clock.instant();
    if (secret == null || !now.isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
      // JWT times are whole seconds; truncating first keeps exp - iat exactly the lifetime.
      Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
      expiresAt = issuedAt.plus(LIFETIME);
      secret =
          Jwts.builder()
              .header()
              .keyId(keyId)
              .and()
              .issuer(teamId)
              .subject(clientId)
              // Apple expects "aud" as a single string; jjwt's audience().add() writes an array.
              .audience()
              .single(AUDIENCE)
              .issuedAt(Date.from(issuedAt))
              .expiration(Date.from(expiresAt))
              .signWith(privateKey, Jwts.SIG.ES256)
              .compact();
    }

    return secret;
  }

  public String clientId() {
    return clientId;
  }
}
