package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks segment download URLs in the shape of S3 presigned URLs: the query carries
 * {@code X-Amz-Date}, {@code X-Amz-Expires} and an HMAC-SHA256 {@code X-Amz-Signature} over the
 * path, date, lifetime and the sandbox's segment variant ({@code X-Sandbox-Variant}, present only
 * for a multi-member or truncated file). The key is random per server, so URLs do not survive a
 * restart.
 */
public final class PresignedUrls {

  /** The outcome of checking a download URL. */
  public enum Verdict {
    VALID,
    EXPIRED,
    BAD_SIGNATURE
  }

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration ttl;
  private final byte[] key = new byte[32];
  private final Set<String> issuedSignatures = ConcurrentHashMap.newKeySet();

  public PresignedUrls(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
    new SecureRandom().nextBytes(key);
  }

  /** Returns the absolute URL of the path, valid for the configured lifetime from now. */
  public String sign(String baseUrl, String path) {
    return sign(baseUrl, path, "", false);
  }

  /**
   * Returns the absolute URL of the path for a segment variant.
   *
   * @param variant the value of {@code X-Sandbox-Variant}, empty for the plain file
   * @param expired whether to sign a URL that has already expired: signed two seconds ago for one
   *     second
   */
  String sign(String baseUrl, String path, String variant, boolean expired) {
    Instant signedAt = expired ? clock.instant().minusSeconds(2) : clock.instant();
    String date = AMZ_DATE.format(signedAt);
    String expires = expired ? "1" : Long.toString(ttl.getSeconds());
    String signature = signature(path, date, expires, variant);
    issuedSignatures.add(signature);
    return baseUrl
        + path
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Date="
        + date
        + "&X-Amz-Expires="
        + expires
        + "&X-Amz-SignedHeaders=host"
        + (variant.isEmpty() ? "" : "&X-Sandbox-Variant=" + variant)
        + "&X-Amz-Signature="
        + signature;
  }

  /** Returns the {@code X-Amz-Signature} value of every URL signed so far. */
  public Set<String> issuedSignatures() {
    return Set.copyOf(issuedSignatures);
  }

  /** Checks the signature first, then the expiry. */
  public Verdict verify(String path, QueryParameters query) {
    String date = query.get("X-Amz-Date").orElse("");
    String expires = query.get("X-Amz-Expires").orElse("");
    String variant = query.get("X-Sandbox-Variant").orElse("");
    String given = query.get("X-Amz-Signature").orElse("");
    byte[] expected = signature(path, date, expires, variant).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD_SIGNATURE;
    }
    try {
      Instant signedAt = Instant.from(AMZ_DATE.parse(date));
      Instant expiresAt = signedAt.plusSeconds(Long.parseLong(expires));
      return clock.instant().isAfter(expiresAt) ? Verdict.EXPIRED : Verdict.VALID;
    } catch (DateTimeParseException | NumberFormatException e) {
      return Verdict.BAD_SIGNATURE;
    }
  }

  private String signature(String path, String date, String expires, String variant) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = path + "\n" + date + "\n" + expires + "\n" + variant;
      byte[] digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("[BUG] HmacSHA256 is missing from this JVM", e);
    }
  }
}
