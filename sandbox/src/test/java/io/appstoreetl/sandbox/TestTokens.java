package io.appstoreetl.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

/** Builds App Store Connect tokens by hand with the JDK, including deliberately broken ones. */
final class TestTokens {

  static final String KEY_ID = "2X9R4HXF34";
  static final String ISSUER_ID = "57246542-96fe-1a63-e053-0824d011072a";

  private TestTokens() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate a P-256 key pair", e);
    }
  }

  static String header(String alg, String kid) {
    return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
  }

  static String teamPayload(String issuer, long issuedAt, long expiresAt) {
    return "{\"iss\":\""
        + issuer
        + "\",\"iat\":"
        + issuedAt
        + ",\"exp\":"
        + expiresAt
        + ",\"aud\":\"appstoreconnect-v1\"}";
  }

  /** Returns a token the sandbox accepts: ES256, 15 minutes, signed in R||S form. */
  static String validToken(PrivateKey key) {
    return validToken(key, Instant.now());
  }

  /** Returns a token the sandbox accepts when its wall clock reads {@code now}. */
  static String validToken(PrivateKey key, Instant nowInstant) {
    long now = nowInstant.getEpochSecond();
    return sign(key, header("ES256", KEY_ID), teamPayload(ISSUER_ID, now, now + 900));
  }

  /** Signs header and payload JSON with the JWS R||S (IEEE P1363) signature form. */
  static String sign(PrivateKey key, String headerJson, String payloadJson) {
    return signWith("SHA256withECDSAinP1363Format", key, headerJson, payloadJson);
  }

  /** Signs with the ASN.1 DER signature form that Java's plain SHA256withECDSA produces. */
  static String signDer(PrivateKey key, String headerJson, String payloadJson) {
    return signWith("SHA256withECDSA", key, headerJson, payloadJson);
  }

  private static String signWith(
      String algorithm, PrivateKey key, String headerJson, String payloadJson) {
    String signingInput = encode(headerJson) + "." + encode(payloadJson);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a test token", e);
    }
  }

  static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
