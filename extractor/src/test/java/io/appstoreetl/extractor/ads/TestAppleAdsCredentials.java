package io.appstoreetl.extractor.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.auth.InvalidPrivateKeyException;
import io.appstoreetl.extractor.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Apple Ads client secret JWT and the SEC1 and PKCS#8 key files it is signed with. */
class TestAppleAdsCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "SEARCHADS.27478e71-3bb0-4588-998c-182e2b405577";
  private static final String TEAM_ID = "SEARCHADS.27478e71-3bb0-4588-998c-182e2b405578";
  private static final String KEY_ID = "bacaebda-e219-41ee-a907-e2c25b24d1b2";
  private static final Instant NOW = Instant.parse("2026-12-04T10:15:30.750Z");

  @TempDir Path directory;

  @Test
  void clientSecretHeaderAndClaims() throws Exception {
    KeyPair pair = newKeyPair();
    ClientSecret secret =
        new ClientSecret(
            CLIENT_ID, TEAM_ID, KEY_ID, pair.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));

    String[] parts = secret.current().split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));

    assertThat(parts).hasSize(3);
    assertThat(header.path("alg").asText()).isEqualTo("ES256");
    assertThat(header.path("kid").asText()).isEqualTo(KEY_ID);
    assertThat(claims.path("iss").asText()).isEqualTo(TEAM_ID);
    assertThat(claims.path("sub").asText()).isEqualTo(CLIENT_ID);
    assertThat(claims.path("aud").isTextual()).as("aud is one string, not an array").isTrue();
    assertThat(claims.path("aud").asText()).isEqualTo("https://appleid.apple.com");
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
        .as("lifetime in seconds: under Apple's 180 days")
        .isEqualTo(179L * 86_400)
        .isLessThan(180L * 86_400);
  }

  @Test
  void clientSecretSignatureVerifies() throws Exception {
    KeyPair pair = newKeyPair();
    String[] parts =
        new ClientSecret(CLIENT_ID, TEAM_ID, KEY_ID, pair.getPrivate(), Clock.systemUTC())
            .current()
            .split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);

    assertThat(signature).as("JWS ES256 signature in the 64-byte R||S form").hasSize(64);
    assertThat(verify(pair.getPublic(), parts[0] + "." + parts[1], signature)).isTrue();
    assertThat(verify(newKeyPair().getPublic(), parts[0] + "." + parts[1], signature))
        .as("another key does not verify it")
        .isFalse();
  }

  @Test
  void clientSecretReusedUntilNearExpiry() {
    KeyPair pair = newKeyPair();
    MutableClock clock = new MutableClock(NOW);
    ClientSecret secret = new ClientSecret(CLIENT_ID, TEAM_ID, KEY_ID, pair.getPrivate(), clock);

    String first = secret.current();
    clock.advance(Duration.ofDays(100));
    String reused = secret.current();
    clock.advance(Duration.ofDays(78).plusSeconds(1));
    String renewed = secret.current();

    assertThat(reused).isEqualTo(first);
    assertThat(renewed).isNotEqualTo(first);
  }

  @Test
  void sec1AndPkcs8KeysBothLoad() throws Exception {
    KeyPair pair = newKeyPair();
    Path sec1 = directory.resolve("private-key.pem");
    Path pkcs8 = directory.resolve("key-pkcs8.pem");
    Files.writeString(sec1, pem("EC PRIVATE KEY", sec1Der(pair)));
    Files.writeString(pkcs8, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

    ECPrivateKey fromSec1 = AppleAdsKeyLoader.load(sec1);
    ECPrivateKey fromPkcs8 = AppleAdsKeyLoader.load(pkcs8);

    BigInteger expected = ((ECPrivateKey) pair.getPrivate()).getS();
    assertThat(fromSec1.getS()).isEqualTo(expected);
    assertThat(fromPkcs8.getS()).isEqualTo(expected);
    String signed =
        new ClientSecret(CLIENT_ID, TEAM_ID, KEY_ID, fromSec1, Clock.systemUTC()).current();
    String[] parts = signed.split("\\.");
    assertThat(
            verify(
                pair.getPublic(),
                parts[0] + "." + parts[1],
                Base64.getUrlDecoder().decode(parts[2])))
        .as("a secret signed with the SEC1 key verifies with its public key")
        .isTrue();
  }

  @Test
  void sec1KeyWithoutOptionalPartsLoads() throws Exception {
    KeyPair pair = newKeyPair();
    byte[] minimal =
        der(
            0x30,
            concat(der(0x02, new byte[] {1}), der(0x04, scalar((ECPrivateKey) pair.getPrivate()))));
    Path file = directory.resolve("minimal.pem");
    Files.writeString(file, pem("EC PRIVATE KEY", minimal));

    assertThat(AppleAdsKeyLoader.load(file).getS())
        .isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
  }

  @Test
  void badKeyFileNamesFileAndExpectation() throws Exception {
    Path notAKey = directory.resolve("AuthKey.txt");
    Files.writeString(notAKey, "this is not a key\n");
    Path brokenSec1 = directory.resolve("broken.pem");
    Files.writeString(brokenSec1, pem("EC PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x07}));
    Path missing = directory.resolve("missing.pem");

    assertThatThrownBy(() -> AppleAdsKeyLoader.load(notAKey))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessageContaining(notAKey.toString())
        .hasMessageContaining("no PEM private key block")
        .hasMessageContaining("BEGIN EC PRIVATE KEY")
        .hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> AppleAdsKeyLoader.load(brokenSec1))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessageContaining(brokenSec1.toString())
        .hasMessageContaining("not a valid SEC1 key")
        .hasMessageContaining("expected an EC P-256 private key");
    assertThatThrownBy(() -> AppleAdsKeyLoader.load(missing))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void p384KeyIsRejected() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    Path file = directory.resolve("p384.pem");
    Files.writeString(
        file, pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));

    assertThatThrownBy(() -> AppleAdsKeyLoader.load(file))
        .isInstanceOf(InvalidPrivateKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("EC key of 384 bits");
  }

  /** Encodes a key pair as SEC1 {@code ECPrivateKey} DER, as {@code openssl ecparam} writes it. */
  static byte[] sec1Der(KeyPair pair) {
    ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
    byte[] point =
        concat(
            new byte[] {0x04},
            fixed(publicKey.getW().getAffineX()),
            fixed(publicKey.getW().getAffineY()));
    byte[] p256Oid = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    return der(
        0x30,
        concat(
            der(0x02, new byte[] {1}),
            der(0x04, scalar((ECPrivateKey) pair.getPrivate())),
            der(0xa0, p256Oid),
            der(0xa1, der(0x03, concat(new byte[] {0}, point)))));
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] scalar(ECPrivateKey key) {
    return fixed(key.getS());
  }

  /** Returns the unsigned 32-byte big-endian form of a P-256 field element. */
  private static byte[] fixed(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 32) {
      bytes = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
    }
    byte[] padded = new byte[32];
    System.arraycopy(bytes, 0, padded, 32 - bytes.length, bytes.length);
    return padded;
  }

  private static byte[] der(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (value.length >= 0x80) {
      out.write(0x81);
    }
    out.write(value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static boolean verify(PublicKey key, String signingInput, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key);
    verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return verifier.verify(signature);
  }
}
