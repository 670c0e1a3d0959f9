package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthenticationTest {

  private static final String NOT_AUTHORIZED_BODY =
      "{\"errors\":[{\"status\":\"401\",\"code\":\"NOT_AUTHORIZED\","
          + "\"title\":\"Authentication credentials are missing or invalid.\","
          + "\"detail\":\"Provide a properly configured and signed bearer token, and make sure"
          + " that it has not expired. Learn more about Generating Tokens for API Requests"
          + " https://developer.apple.com/go/?id=api-generating-tokens\"}]}";

  private static final String INDIVIDUAL_KEY_ID = "INDIVIDUAL1";

  private static SandboxFixture sandbox;
  private static KeyPair individualKey;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxFixture.start(SandboxFixture.defaults());
    individualKey = TestTokens.newKeyPair();
    sandbox.server.registerKey(
        INDIVIDUAL_KEY_ID,
        null /* individual key: no issuer */,
        (ECPublicKey) individualKey.getPublic());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void validTeamKeyTokenIsAccepted() {
    HttpResponse<byte[]> response =
        sandbox.getWithToken("/v1/apps", TestTokens.validToken(sandbox.keyPair.getPrivate()));

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
    assertThat(SandboxFixture.json(response).path("data").size()).isEqualTo(3);
  }

  @Test
  void individualKeyTokenWithSubUserIsAccepted() {
    long now = Instant.now().getEpochSecond();
    String token =
        TestTokens.sign(
            individualKey.getPrivate(),
            TestTokens.header("ES256", INDIVIDUAL_KEY_ID),
            "{\"sub\":\"user\",\"iat\":"
                + now
                + ",\"exp\":"
                + (now + 600)
                + ",\"aud\":\"appstoreconnect-v1\"}");

    HttpResponse<byte[]> response = sandbox.getWithToken("/v1/apps", token);

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
  }

  @Test
  void tokenWithMatchingScopeIsAccepted() {
    long now = Instant.now().getEpochSecond();
    String token =
        TestTokens.sign(
            sandbox.keyPair.getPrivate(),
            TestTokens.header("ES256", TestTokens.KEY_ID),
            "{\"iss\":\""
                + TestTokens.ISSUER_ID
                + "\",\"iat\":"
                + now
                + ",\"exp\":"
                + (now + 600)
                + ",\"aud\":\"appstoreconnect-v1\","
                + "\"scope\":[\"GET /v1/apps?filter[sku]=SKU1000000001\"]}");

    HttpResponse<byte[]> response =
        sandbox.getWithToken("/v1/apps?filter%5Bsku%5D=SKU1000000001&limit=5", token);

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
  }

  static Stream<Arguments> rejectedAuthorizations() {
    long now = Instant.now().getEpochSecond();
    String goodHeader = TestTokens.header("ES256", TestTokens.KEY_ID);
    String goodPayload = TestTokens.teamPayload(TestTokens.ISSUER_ID, now, now + 900);
    KeyPair otherKey = TestTokens.newKeyPair();
    return Stream.of(
        rejected("missing header", key -> null),
        rejected("basic scheme", key -> "Basic dXNlcjpwYXNz"),
        rejected("token not in three parts", key -> "Bearer abc.def"),
        rejected("header not JSON", key -> "Bearer bm90anNvbg.e30.c2ln"),
        rejected(
            "alg ES384",
            key ->
                bearer(
                    TestTokens.sign(
                        key, TestTokens.header("ES384", TestTokens.KEY_ID), goodPayload))),
        rejected(
            "unknown kid",
            key ->
                bearer(
                    TestTokens.sign(key, TestTokens.header("ES256", "UNKNOWN123"), goodPayload))),
        rejected(
            "wrong audience",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        "{\"iss\":\""
                            + TestTokens.ISSUER_ID
                            + "\",\"iat\":"
                            + now
                            + ",\"exp\":"
                            + (now + 900)
                            + ",\"aud\":\"appstoreconnect-v2\"}"))),
        rejected(
            "unknown issuer",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        TestTokens.teamPayload(
                            "00000000-0000-0000-0000-000000000000", now, now + 900)))),
        rejected(
            "no issuer and no sub user",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        "{\"iat\":"
                            + now
                            + ",\"exp\":"
                            + (now + 900)
                            + ",\"aud\":\"appstoreconnect-v1\"}"))),
        rejected(
            "expired",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        TestTokens.teamPayload(TestTokens.ISSUER_ID, now - 600, now - 1)))),
        rejected(
            "expiring now",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        TestTokens.teamPayload(TestTokens.ISSUER_ID, now - 600, now)))),
        rejected(
            "lifetime 1201 seconds",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        TestTokens.teamPayload(TestTokens.ISSUER_ID, now, now + 1201)))),
        rejected(
            "iat missing",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        "{\"iss\":\""
                            + TestTokens.ISSUER_ID
                            + "\",\"exp\":"
                            + (now + 900)
                            + ",\"aud\":\"appstoreconnect-v1\"}"))),
        rejected(
            "signed by another key",
            key -> bearer(TestTokens.sign(otherKey.getPrivate(), goodHeader, goodPayload))),
        rejected(
            "payload changed after signing",
            key -> {
              String[] parts = TestTokens.sign(key, goodHeader, goodPayload).split("\\.");
              String changed =
                  TestTokens.encode(TestTokens.teamPayload(TestTokens.ISSUER_ID, now, now + 1000));
              return bearer(parts[0] + "." + changed + "." + parts[2]);
            }),
        rejected("DER signature", key -> bearer(TestTokens.signDer(key, goodHeader, goodPayload))),
        rejected(
            "scope for another path",
            key ->
                bearer(
                    TestTokens.sign(
                        key,
                        goodHeader,
                        "{\"iss\":\""
                            + TestTokens.ISSUER_ID
                            + "\",\"iat\":"
                            + now
                            + ",\"exp\":"
                            + (now + 900)
                            + ",\"aud\":\"appstoreconnect-v1\","
                            + "\"scope\":[\"GET /v1/salesReports\"]}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedAuthorizations")
  void badTokenGets401WithApplesBody(String rule, Function<PrivateKey, String> authorization) {
    HttpResponse<byte[]> response =
        sandbox.getWithAuthorization("/v1/apps", authorization.apply(sandbox.keyPair.getPrivate()));

    assertThat(response.statusCode()).as(rule).isEqualTo(401);
    assertThat(SandboxFixture.text(response)).as(rule).isEqualTo(NOT_AUTHORIZED_BODY);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Rate-Limit"))
        .hasValue("user-hour-lim:3600;user-hour-rem:3600;");
  }

  @Test
  void validDerSignatureIsRejected() throws Exception {
    long now = Instant.now().getEpochSecond();
    String token =
        TestTokens.signDer(
            sandbox.keyPair.getPrivate(),
            TestTokens.header("ES256", TestTokens.KEY_ID),
            TestTokens.teamPayload(TestTokens.ISSUER_ID, now, now + 900));
    String[] parts = token.split("\\.");
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(sandbox.keyPair.getPublic());
    verifier.update(
        (parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThat(verifier.verify(java.util.Base64.getUrlDecoder().decode(parts[2])))
        .as("the DER signature is mathematically valid")
        .isTrue();
    assertThat(sandbox.getWithToken("/v1/apps", token).statusCode()).isEqualTo(401);
  }

  @Test
  void segmentDownloadNeedsNoToken() {
    String reportId = sandbox.reportId("1000000001", "App Downloads Standard");
    String instanceId = sandbox.instances(reportId).get(0).path("id").asText();
    String url =
        sandbox
            .getJson("/v1/analyticsReportInstances/" + instanceId + "/segments")
            .path("data")
            .get(0)
            .path("attributes")
            .path("url")
            .asText();

    HttpResponse<byte[]> file = sandbox.download(url);

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.request().headers().firstValue("Authorization")).isEmpty();
  }

  private static Arguments rejected(String rule, Function<PrivateKey, String> authorization) {
    return Arguments.of(rule, authorization);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }
}
