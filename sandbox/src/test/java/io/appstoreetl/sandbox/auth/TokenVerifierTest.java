package io.appstoreetl.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.sandbox.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shows which rule rejects each bad token; the HTTP test checks the 401 they all get. */
class TokenVerifierTest {

  private static final long NOW = 1_736_000_000L;
  private static final String KID = "KEY0000001";
  private static final String ISSUER = "issuer-1";
  private static final String HEADER =
      "{\"alg\":\"ES256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}";

  private static KeyPair key;
  private static KeyPair otherKey;
  private static TokenVerifier verifier;

  @BeforeAll
  static void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    key = generator.generateKeyPair();
    otherKey = generator.generateKeyPair();
    KeyRegistry keys = new KeyRegistry();
    keys.register(KID, ISSUER, (ECPublicKey) key.getPublic());
    verifier = new TokenVerifier(keys, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  static Stream<Arguments> rejections() throws Exception {
    String payload = payload("\"iss\":\"" + ISSUER + "\"", NOW, NOW + 900);
    return Stream.of(
        Arguments.of(null, "Authorization header is missing"),
        Arguments.of("Token abc", "Authorization header is not a Bearer token"),
        Arguments.of("Bearer a.b", "token does not have three dot-separated parts"),
        Arguments.of("Bearer !!.e30.c2ln", "header is not base64url-encoded JSON"),
        Arguments.of(
            bearer(sign(key.getPrivate(), HEADER.replace("ES256", "RS256"), payload)),
            "alg is not ES256"),
        Arguments.of(
            bearer(sign(key.getPrivate(), HEADER.replace(KID, "OTHER"), payload)),
            "kid is not a registered key id"),
        Arguments.of(bearer(signDer(key.getPrivate(), HEADER, payload)), "signature is 7"),
        Arguments.of(
            bearer(sign(otherKey.getPrivate(), HEADER, payload)),
            "signature does not verify with the registered key"),
        Arguments.of(
            bearer(sign(key.getPrivate(), HEADER, payload.replace("appstoreconnect-v1", "x"))),
            "aud is not appstoreconnect-v1"),
        Arguments.of(
            bearer(sign(key.getPrivate(), HEADER, payload("\"iss\":\"issuer-2\"", NOW, NOW + 900))),
            "iss is not the issuer id registered for the key"),
        Arguments.of(
            bearer(sign(key.getPrivate(), HEADER, payload("\"sub\":\"admin\"", NOW, NOW + 900))),
            "iss is missing and sub is not 'user'"),
        Arguments.of(
            bearer(
                sign(
                    key.getPrivate(),
                    HEADER,
                    "{\"iss\":\""
                        + ISSUER
                        + "\",\"exp\":"
                        + (NOW + 60)
                        + ",\"aud\":\"appstoreconnect-v1\"}")),
            "iat is missing or not an integer"),
        Arguments.of(
            bearer(
                sign(
                    key.getPrivate(),
                    HEADER,
                    payload("\"iss\":\"" + ISSUER + "\"", NOW - 100, NOW))),
            "exp is not after the current time"),
        Arguments.of(
            bearer(
                sign(
                    key.getPrivate(),
                    HEADER,
                    payload("\"iss\":\"" + ISSUER + "\"", NOW, NOW + 1201))),
            "lifetime exp - iat is over 1200 seconds"),
        Arguments.of(
            bearer(
                sign(
                    key.getPrivate(),
                    HEADER,
                    payload(
                        "\"iss\":\"" + ISSUER + "\",\"scope\":[\"GET /v1/salesReports\"]",
                        NOW,
                        NOW + 60))),
            "no scope entry matches the call"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("rejections")
  void badTokenIsRejectedByItsRule(String authorization, String rule) {
    assertThatThrownBy(
            () -> verifier.verify(authorization, "GET", "/v1/apps", QueryParameters.parse("")))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessageStartingWith(rule);
  }

  @Test
  void validTokenReturnsItsKeyId() throws Exception {
    String token =
        sign(key.getPrivate(), HEADER, payload("\"iss\":\"" + ISSUER + "\"", NOW, NOW + 1200));

    assertThat(verifier.verify(bearer(token), "GET", "/v1/apps", QueryParameters.parse("")))
        .isEqualTo(KID);
  }

  @Test
  void scopeIgnoresLimitCursorAndSort() throws Exception {
    String token =
        sign(
            key.getPrivate(),
            HEADER,
            payload(
                "\"iss\":\"" + ISSUER + "\",\"scope\":[\"GET /v1/apps?filter[sku]=A\"]",
                NOW,
                NOW + 60));

    String keyId =
        verifier.verify(
            bearer(token),
            "GET",
            "/v1/apps",
            QueryParameters.parse("cursor=AQ.x&filter%5Bsku%5D=A&limit=3"));

    assertThat(keyId).isEqualTo(KID);
  }

  private static String payload(String identity, long issuedAt, long expiresAt) {
    return "{"
        + identity
        + ",\"iat\":"
        + issuedAt
        + ",\"exp\":"
        + expiresAt
        + ",\"aud\":\"appstoreconnect-v1\"}";
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String sign(PrivateKey privateKey, String header, String payload)
      throws Exception {
    return signWith("SHA256withECDSAinP1363Format", privateKey, header, payload);
  }

  private static String signDer(PrivateKey privateKey, String header, String payload)
      throws Exception {
    return signWith("SHA256withECDSA", privateKey, header, payload);
  }

  private static String signWith(
      String algorithm, PrivateKey privateKey, String header, String payload) throws Exception {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String input =
        encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + encoder.encodeToString(signer.sign());
  }
}
