package io.appstoreetl.extractor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Recorded;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import io.appstoreetl.extractor.testing.TestSupport.CountingTokens;
import io.appstoreetl.extractor.testing.TestSupport.RecordingSleeper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestAppStoreConnectClient {
  private static final Instant NOW = Instant.parse("2025-01-10T06:00:00Z");
  private static final String OK = "{\"data\":{\"id\":\"ok\"}}";

  private FakeAppStoreConnect server;
  private RecordingSleeper sleeper;
  private AppStoreConnectClient client;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    sleeper = new RecordingSleeper();
    client =
        TestSupport.client(
            server.baseUrl(),
            new CountingTokens(),
            TestSupport.fastRetry(sleeper),
            new MutableClock(NOW));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void serverErrorTwiceThenSuccess() throws IOException {
    server.on(
        "GET /v1/apps",
        Reply.error(500, "UNEXPECTED_ERROR", "Try again"),
        Reply.error(503, "UNEXPECTED_ERROR", "Try again"),
        Reply.json(200, OK));

    JsonNode body = client.getJson("/v1/apps");

    assertThat(body.path("data").path("id").asText()).isEqualTo("ok");
    assertThat(server.requests("GET", "/v1/apps")).hasSize(3);
    assertThat(sleeper.delaysMs()).hasSize(2);
    // Backoff doubles from 100 ms, half of it random: [50, 100] then [100, 200].
    assertThat(sleeper.delaysMs().get(0)).isBetween(50L, 100L);
    assertThat(sleeper.delaysMs().get(1)).isBetween(100L, 200L);
  }

  @Test
  void retryAfterSecondsReplacesBackoff() throws IOException {
    server.on(
        "GET /v1/apps",
        Reply.error(429, "RATE_LIMIT_EXCEEDED", "Slow down").withHeader("Retry-After", "3"),
        Reply.json(200, OK));

    client.getJson("/v1/apps");

    assertThat(sleeper.delaysMs()).containsExactly(3_000L);
  }

  @Test
  void retryAfterEpochMillisReplacesBackoff() throws IOException {
    String at = Long.toString(NOW.toEpochMilli() + 1_500);
    server.on(
        "GET /v1/apps",
        Reply.error(429, "RATE_LIMIT_EXCEEDED", "Slow down").withHeader("Retry-After", at),
        Reply.json(200, OK));

    client.getJson("/v1/apps");

    assertThat(sleeper.delaysMs()).containsExactly(1_500L);
  }

  @Test
  void retriesExhaustedRethrowsLastError() {
    server.on("GET /v1/apps", Reply.error(503, "UNEXPECTED_ERROR", "Down for maintenance"));

    assertThatThrownBy(() -> client.getJson("/v1/apps"))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "Cannot GET "
                + server.baseUrl()
                + "/v1/apps: HTTP 503 UNEXPECTED_ERROR (Down for maintenance)");
    assertThat(server.requests("GET", "/v1/apps")).hasSize(5);
    assertThat(sleeper.delaysMs()).hasSize(4);
  }

  @Test
  void clientErrorIsNotRetried() {
    server.on(
        "GET /v1/apps",
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));

    ApiException error = catchApi(() -> client.getJson("/v1/apps"));

    assertThat(error.status()).isEqualTo(403);
    assertThat(error.code()).isEqualTo("FORBIDDEN_ERROR");
    assertThat(error.detail()).isEqualTo("The API key in use does not allow this request");
    assertThat(error.bodyText()).contains("\"code\":\"FORBIDDEN_ERROR\"");
    assertThat(server.requests("GET", "/v1/apps")).hasSize(1);
    assertThat(sleeper.delaysMs()).isEmpty();
  }

  @Test
  void unauthorizedOnceThenFreshToken() throws IOException {
    server.on(
        "GET /v1/apps",
        Reply.error(401, "NOT_AUTHORIZED", "Provide a properly configured and signed bearer token"),
        Reply.json(200, OK));

    client.getJson("/v1/apps");

    List<Recorded> requests = server.requests("GET", "/v1/apps");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void unauthorizedTwiceFailsWithoutThirdTry() {
    server.on("GET /v1/apps", Reply.error(401, "NOT_AUTHORIZED", "Bad token"));

    ApiException error = catchApi(() -> client.getJson("/v1/apps"));

    assertThat(error.status()).isEqualTo(401);
    assertThat(server.requests("GET", "/v1/apps")).hasSize(2);
  }

  @Test
  void postSendsJsonWithBearer() throws IOException {
    server.on("POST /v1/analyticsReportRequests", Reply.json(201, OK));

    client.postJson("/v1/analyticsReportRequests", TestSupport.MAPPER.readTree("{\"a\":1}"));

    Recorded post = server.requests("POST", "/v1/analyticsReportRequests").get(0);
    assertThat(post.bodyText()).isEqualTo("{\"a\":1}");
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(post.header("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void downloadSendsNoAuthorizationHeader() throws IOException {
    server.on(
        "GET /s3/0.csv.gz", Reply.bytes(200, new byte[] {1, 2, 3}, "application/octet-stream"));
    URI url = URI.create(server.baseUrl() + "/s3/0.csv.gz?X-Amz-Signature=secret");

    byte[] body = client.download(url, (in, attempt) -> in.readAllBytes());

    assertThat(body).containsExactly(1, 2, 3);
    Recorded request = server.requests("GET", "/s3/0.csv.gz").get(0);
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.rawQuery()).isEqualTo("X-Amz-Signature=secret");
  }

  @Test
  void downloadErrorLeavesQueryStringOut() {
    server.on(
        "GET /s3/0.csv.gz",
        Reply.bytes(
            403,
            "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8),
            "application/xml"));
    URI url = URI.create(server.baseUrl() + "/s3/0.csv.gz?X-Amz-Signature=secret");

    ApiException error = catchApi(() -> client.download(url, (in, attempt) -> in.readAllBytes()));

    assertThat(error).hasMessage("Cannot GET " + server.baseUrl() + "/s3/0.csv.gz: HTTP 403");
    assertThat(error.code()).isNull();
    assertThat(error.bodyText()).isEqualTo("<Error><Code>AccessDenied</Code></Error>");
  }

  @Test
  void plainHttpDownloadNeedsSandbox() {
    AppStoreConnectClient production =
        new AppStoreConnectClient(
            URI.create("https://api.appstoreconnect.apple.com"),
            new CountingTokens(),
            TestSupport.fastRetry(sleeper),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            TestSupport.MAPPER,
            false /* no sandbox */,
            new MutableClock(NOW),
            "extractor-test");
    URI url = URI.create(server.baseUrl() + "/s3/0.csv.gz?X-Amz-Signature=secret");

    assertThatThrownBy(() -> production.download(url, (in, attempt) -> in.readAllBytes()))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Invalid download URL: "
                + server.baseUrl()
                + "/s3/0.csv.gz (expected https://, or http:// on a loopback host with --sandbox)");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void absoluteUrlOnAnotherOriginIsRejected() {
    assertThatThrownBy(() -> client.getJson("https://example.invalid/v1/apps?cursor=x"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Cannot follow https://example.invalid/v1/apps: it is not on the API origin "
                + server.baseUrl());
  }

  @Test
  void retryAfterParsesSecondsEpochMillisAndDates() {
    assertThat(RetryPolicy.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryPolicy.parseRetryAfter(Long.toString(NOW.toEpochMilli() + 250), NOW))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(RetryPolicy.parseRetryAfter(Long.toString(NOW.toEpochMilli() - 250), NOW))
        .isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("Fri, 10 Jan 2025 06:00:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isNull();
  }

  @Test
  void retryAfterBeyondTotalLimitGivesUp() {
    AppStoreConnectClient limited =
        TestSupport.client(
            server.baseUrl(),
            new CountingTokens(),
            new RetryPolicy(5, 100, 1_000, 10_000, sleeper, System::nanoTime),
            new MutableClock(NOW));
    server.on(
        "GET /v1/apps",
        Reply.error(429, "RATE_LIMIT_EXCEEDED", "Slow down").withHeader("Retry-After", "3600"));

    ApiException error = catchApi(() -> limited.getJson("/v1/apps"));

    assertThat(error.status()).isEqualTo(429);
    assertThat(server.requests("GET", "/v1/apps")).hasSize(1);
    assertThat(sleeper.delaysMs()).isEmpty();
  }

  @Test
  void connectionFailureIsRetried() throws IOException {
    // A closed port on loopback refuses the connection at once.
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AppStoreConnectClient refused =
        TestSupport.client(
            "http://127.0.0.1:" + port,
            new CountingTokens(),
            TestSupport.fastRetry(sleeper),
            new MutableClock(NOW));

    assertThatThrownBy(() -> refused.getJson("/v1/apps"))
        .isInstanceOf(java.net.ConnectException.class);
    assertThat(sleeper.delaysMs()).hasSize(4);
  }

  private interface ThrowingCall {
    Object call() throws IOException;
  }

  private static ApiException catchApi(ThrowingCall call) {
    try {
      call.call();
    } catch (ApiException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError("Expected ApiException, got " + e, e);
    }
    throw new AssertionError("Expected ApiException, got none");
  }
}
