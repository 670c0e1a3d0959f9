package io.appstoreetl.extractor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJwtTokenProvider {
  private static final String ISSUER = "57246542-96fe-1a63-e053-0824d011072a";
  private static final String KEY_ID = "2X9R4HXF34";
  private static final Instant NOW = Instant.parse("2025-01-10T06:00:00.750Z");

  @TempDir Path dir;

  @Test
  void tokenCarriesAppleHeaderAndClaims() throws Exception {
    KeyPair keys = TestSupport.ecKeyPair("secp256r1");
    Path p8 = TestSupport.writePem(dir.resolve("AuthKey_2X9R4HXF34.p8"), keys.getPrivate());
    JwtTokenProvider provider =
        new JwtTokenProvider(ISSUER, KEY_ID, PrivateKeyLoader.load(p8), new MutableClock(NOW));

    String[] parts = provider.current().split("\\.");

    assertThat(parts).hasSize(3);
    JsonNode header = decodeJson(parts[0]);
    assertThat(header.path("alg").asText()).isEqualTo("ES256");
    assertThat(header.path("kid").asText()).isEqualTo(KEY_ID);
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    JsonNode claims = decodeJson(parts[1]);
    assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 900);
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(1200);
    assertThat(claims.path("aud").isTextual()).isTrue();
    assertThat(claims.path("aud").asText()).isEqualTo("appstoreconnect-v1");
    assertThat(claims.size()).isEqualTo(4);
  }

  @Test
  void signatureVerifiesWithJdk() throws Exception {
    KeyPair keys = TestSupport.ecKeyPair("secp256r1");
    Path p8 = TestSupport.writePem(dir.resolve("key.p8"), keys.getPrivate());
    String token =
        new JwtTokenProvider(ISSUER, KEY_ID, PrivateKeyLoader.load(p8), new MutableClock(NOW))
            .current();
    int lastDot = token.lastIndexOf('.');

    byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));

    assertThat(signature).hasSize(64);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(keys.getPublic());
    verifier.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void tokenIsReusedUntilOneMinuteBeforeExpiry() {
    MutableClock clock = new MutableClock(NOW);
    JwtTokenProvider provider =
        new JwtTokenProvider(
            ISSUER, KEY_ID, TestSupport.ecKeyPair("secp256r1").getPrivate(), clock);
    String first = provider.current();

    clock.advance(Duration.ofMinutes(13).plusSeconds(59));
    String beforeRenewal = provider.current();
    clock.advance(Duration.ofSeconds(1));
    String afterRenewal = provider.current();

    assertThat(beforeRenewal).isEqualTo(first);
    assertThat(afterRenewal).isNotEqualTo(first);
    assertThat(decodeJson(afterRenewal.split("\\.")[1]).path("iat").asLong())
        .isEqualTo(NOW.getEpochSecond() + 14 * 60);
  }

  @Test
  void refreshMintsANewTokenThatCurrentReuses() {
    JwtTokenProvider provider =
        new JwtTokenProvider(
            ISSUER, KEY_ID, TestSupport.ecKeyPair("secp256r1").getPrivate(), new MutableClock(NOW));
    String first = provider.current();

    String refreshed = provider.refresh();

    assertThat(refreshed).isNotEqualTo(first);
    assertThat(provider.current()).isEqualTo(refreshed);
  }

  @Test
  void missingKeyFileIsNamed() {
    Path missing = dir.resolve("AuthKey_MISSING.p8");

    assertThatThrownBy(() -> PrivateKeyLoader.load(missing))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessage("Cannot read App Store Connect private key " + missing + ": file not found");
  }

  @Test
  void rsaKeyIsRejected() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path p8 = TestSupport.writePem(dir.resolve("rsa.p8"), rsa.generateKeyPair().getPrivate());

    assertThatThrownBy(() -> PrivateKeyLoader.load(p8))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessage(
            "Invalid App Store Connect private key "
                + p8
                + ": not an EC private key (expected EC P-256)");
  }

  @Test
  void ecKeyOnAnotherCurveIsRejected() throws Exception {
    Path p8 =
        TestSupport.writePem(
            dir.resolve("p384.p8"), TestSupport.ecKeyPair("secp384r1").getPrivate());

    assertThatThrownBy(() -> PrivateKeyLoader.load(p8))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessage(
            "Invalid App Store Connect private key "
                + p8
                + ": EC key of 384 bits (expected EC P-256)");
  }

  @Test
  void fileWithoutPemBlockIsRejected() throws Exception {
    Path p8 = Files.writeString(dir.resolve("empty.p8"), "not a key\n");

    assertThatThrownBy(() -> PrivateKeyLoader.load(p8))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessage(
            "Invalid App Store Connect private key "
                + p8
                + ": no PEM block \"-----BEGIN PRIVATE KEY-----\""
                + " (expected a PKCS#8 .p8 file as Apple issues it)");
  }

  private static JsonNode decodeJson(String part) {
    try {
      return TestSupport.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
