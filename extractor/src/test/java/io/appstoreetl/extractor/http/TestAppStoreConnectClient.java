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
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        AppStoreConnectClient.builder(
                URI.create("https://api.appstoreconnect.apple.com"),
                new CountingTokens(),
                TestSupport.MAPPER)
            .retry(TestSupport.fastRetry(sleeper))
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
            .allowLoopbackHttp(false /* no sandbox */)
            .clock(new MutableClock(NOW))
            .build();
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

  @Test
  void stalledBodyTimesOut() {
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "GET /v1/salesReports",
        Reply.streamed(
            "application/a-gzip",
            out -> {
              out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0});
              out.flush();
              awaitQuietly(release);
            }));
    AppStoreConnectClient impatient =
        TestSupport.clientBuilder(
                server.baseUrl(),
                new CountingTokens(),
                new RetryPolicy(2, 10, 10, 60_000, sleeper, System::nanoTime),
                new MutableClock(NOW))
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300))
            .build();
    long start = System.nanoTime();
    try {
      assertThatThrownBy(
              () ->
                  impatient.getStream(
                      "/v1/salesReports", (type, body, attempt) -> body.readAllBytes()))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage(
              "Timed out reading the body of GET "
                  + server.baseUrl()
                  + "/v1/salesReports: no bytes for 300 ms");
    } finally {
      release.countDown();
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(server.requests("GET", "/v1/salesReports")).as("retried once").hasSize(2);
  }

  @Test
  void stalledDownloadTimesOutWithoutQueryString() {
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "GET /s3/0.csv.gz",
        Reply.streamed(
            "application/octet-stream",
            out -> {
              out.write(new byte[100]);
              out.flush();
              awaitQuietly(release);
            }));
    AppStoreConnectClient impatient =
        TestSupport.clientBuilder(
                server.baseUrl(),
                new CountingTokens(),
                new RetryPolicy(1, 10, 10, 60_000, sleeper, System::nanoTime),
                new MutableClock(NOW))
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200))
            .build();
    URI url = URI.create(server.baseUrl() + "/s3/0.csv.gz?X-Amz-Signature=secret");
    try {
      assertThatThrownBy(() -> impatient.download(url, (in, attempt) -> in.readAllBytes()))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage(
              "Timed out reading the body of GET "
                  + server.baseUrl()
                  + "/s3/0.csv.gz: no bytes for 200 ms");
    } finally {
      release.countDown();
    }
  }

  @Test
  void malformedJsonIsReportedAndNotRetried() {
    server.on("GET /v1/apps", Reply.json(200, "{\"data\": [{\"id\": \"1\"},"));

    assertThatThrownBy(() -> client.getJson("/v1/apps"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessageStartingWith(
            "Invalid JSON in the response to GET " + server.baseUrl() + "/v1/apps: Unexpected end")
        .hasMessageContaining(" at line 1, column ");
    assertThat(server.requests("GET", "/v1/apps")).hasSize(1);
  }

  @Test
  void wrongContentTypeIsReported() {
    server.on(
        "GET /v1/apps",
        Reply.bytes(200, "<html>Sign in</html>".getBytes(StandardCharsets.UTF_8), "text/html"));

    assertThatThrownBy(() -> client.getJson("/v1/apps"))
        .isInstanceOf(NonRetryableIOException.class)
        .hasMessage(
            "Invalid response to GET "
                + server.baseUrl()
                + "/v1/apps: Content-Type text/html (expected application/json)");
  }

  @Test
  void apiCallsAndDownloadsAreCountedApart() throws IOException {
    server.on("GET /v1/apps", Reply.error(401, "NOT_AUTHORIZED", "Expired"), Reply.json(200, OK));
    server.on("GET /s3/0.csv.gz", Reply.bytes(200, new byte[1000], "application/octet-stream"));

    client.getJson("/v1/apps");
    client.download(
        URI.create(server.baseUrl() + "/s3/0.csv.gz?X-Amz-Signature=s"),
        (in, attempt) -> in.readAllBytes());

    assertThat(client.stats().apiCalls()).as("the 401 and its retry").isEqualTo(2);
    assertThat(client.stats().fileDownloads()).isEqualTo(1);
    assertThat(client.stats().bytesReceived()).isGreaterThanOrEqualTo(1000 + OK.length());
  }

  @Test
  void rateLimitHeaderSetsTheLimiter() throws IOException {
    server.on(
        "GET /v1/apps",
        Reply.json(200, OK)
            .withHeader(
                "X-Rate-Limit",
                "user-hour-lim:3500;user-hour-rem:3499;user-minute-lim:150;user-minute-rem:149;"));

    client.getJson("/v1/apps");

    assertThat(client.rateLimiter().hourLimit()).isEqualTo(3500);
    assertThat(client.rateLimiter().minuteLimit()).isEqualTo(150);
  }

  @Test
  void rateLimitedResponsePausesTheLimiter() throws IOException {
    server.on(
        "GET /v1/apps",
        Reply.error(429, "RATE_LIMIT_EXCEEDED", "Slow down").withHeader("Retry-After", "7"),
        Reply.json(200, OK));

    client.getJson("/v1/apps");

    assertThat(sleeper.delaysMs()).containsExactly(7_000L);
    assertThat(client.rateLimiter().waitedMs())
        .as("the next call waited for the pause on the limiter's clock")
        .isBetween(6_000L, 7_000L);
  }

  @Test
  void spentQuotaPausesUntilReset() throws IOException {
    server.on(
        "GET /v1/campaigns",
        Reply.json(200, OK)
            .withHeader("RateLimit-Limit", "600")
            .withHeader("RateLimit-Remaining", "0")
            .withHeader("RateLimit-Reset", "12"),
        Reply.json(200, OK)
            .withHeader("RateLimit-Limit", "600")
            .withHeader("RateLimit-Remaining", "599")
            .withHeader("RateLimit-Reset", "60"));

    client.getJson("/v1/campaigns");
    client.getJson("/v1/campaigns");

    assertThat(client.rateLimiter().waitedMs())
        .as("the second call waited for the quota window on the limiter's clock")
        .isBetween(11_000L, 12_000L);
  }

  @Test
  void remainingQuotaOrBadHeadersDoNotPause() throws IOException {
    server.on(
        "GET /v1/campaigns",
        Reply.json(200, OK)
            .withHeader("RateLimit-Remaining", "5")
            .withHeader("RateLimit-Reset", "12"),
        Reply.json(200, OK)
            .withHeader("RateLimit-Remaining", "none")
            .withHeader("RateLimit-Reset", "12"),
        Reply.json(200, OK).withHeader("RateLimit-Remaining", "0"),
        Reply.json(200, OK));

    for (int i = 0; i < 4; i++) {
      client.getJson("/v1/campaigns");
    }

    assertThat(client.rateLimiter().waitedMs()).isZero();
  }

  @Test
  void quotaPauseIsCappedAtOneHour() throws IOException {
    server.on(
        "GET /v1/campaigns",
        Reply.json(200, OK)
            .withHeader("RateLimit-Remaining", "0")
            .withHeader("RateLimit-Reset", "86400"),
        Reply.json(200, OK));

    client.getJson("/v1/campaigns");
    client.getJson("/v1/campaigns");

    assertThat(client.rateLimiter().waitedMs())
        .isBetween(
            AppStoreConnectClient.MAX_QUOTA_PAUSE.toMillis() - 1_000,
            AppStoreConnectClient.MAX_QUOTA_PAUSE.toMillis());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
