package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final String RATE_LIMIT_BODY =
      "{\"errors\":[{\"status\":\"429\",\"code\":\"RATE_LIMIT_EXCEEDED\","
          + "\"title\":\"The request rate limit has been reached.\","
          + "\"detail\":\"We've received too many requests for this API. Please wait and try"
          + " again or slow down your request rate.\"}]}";

  @Test
  void budgetCountsDownTo429() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().rateLimitPerHour(3))) {
      for (int remaining = 2; remaining >= 0; remaining--) {
        HttpResponse<byte[]> response = sandbox.get("/v1/apps");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Rate-Limit"))
            .hasValue("user-hour-lim:3;user-hour-rem:" + remaining + ";");
      }

      HttpResponse<byte[]> limited = sandbox.get("/v1/apps");

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(SandboxFixture.text(limited)).isEqualTo(RATE_LIMIT_BODY);
      assertThat(limited.headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:3;user-hour-rem:0;");
    }
  }

  @Test
  void errorResponsesAlsoUseTheBudget() {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().rateLimitPerHour(5))) {
      HttpResponse<byte[]> notFound = sandbox.get("/v1/apps/42");

      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(notFound.headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:5;user-hour-rem:4;");
    }
  }

  @Test
  void budgetIsPerKeyAndHourly() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().rateLimitPerHour(2).clock(clock))) {
      KeyPair otherKey = TestTokens.newKeyPair();
      sandbox.server.registerKey(
          "OTHERKEY01", TestTokens.ISSUER_ID, (ECPublicKey) otherKey.getPublic());
      sandbox.get("/v1/apps");
      sandbox.get("/v1/apps");
      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(429);

      long now = clock.instant().getEpochSecond();
      String otherToken =
          TestTokens.sign(
              otherKey.getPrivate(),
              TestTokens.header("ES256", "OTHERKEY01"),
              TestTokens.teamPayload(TestTokens.ISSUER_ID, now, now + 600));
      assertThat(sandbox.getWithToken("/v1/apps", otherToken).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofMinutes(61));
      HttpResponse<byte[]> later = sandbox.get("/v1/apps");

      assertThat(later.statusCode()).isEqualTo(200);
      assertThat(later.headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:2;user-hour-rem:1;");
    }
  }

  @Test
  void failNextApiCallsThenRecover() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.failNextApiCalls(2);

      HttpResponse<byte[]> first = sandbox.get("/v1/apps");
      HttpResponse<byte[]> second = sandbox.get("/v1/apps");
      HttpResponse<byte[]> third = sandbox.get("/v1/apps");

      assertThat(first.statusCode()).isEqualTo(500);
      assertThat(SandboxFixture.json(first).path("errors").get(0).path("code").asText())
          .isEqualTo("UNEXPECTED_ERROR");
      assertThat(second.statusCode()).isEqualTo(500);
      assertThat(third.statusCode()).isEqualTo(200);
      assertThat(sandbox.server.requestCount()).isEqualTo(3);
    }
  }

  @Test
  void perMinuteLimitIsReportedAndEnforced() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults().rateLimitPerHour(100).rateLimitPerMinute(2).clock(clock))) {
      HttpResponse<byte[]> first = sandbox.get("/v1/apps");
      sandbox.get("/v1/apps");
      HttpResponse<byte[]> third = sandbox.get("/v1/apps");
      clock.advance(Duration.ofSeconds(61));
      HttpResponse<byte[]> nextMinute = sandbox.get("/v1/apps");

      assertThat(first.headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:100;user-hour-rem:99;user-minute-lim:2;user-minute-rem:1;");
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("X-Rate-Limit"))
          .hasValue("user-hour-lim:100;user-hour-rem:98;user-minute-lim:2;user-minute-rem:0;");
      assertThat(nextMinute.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void exhaustedLimitCanAnnounceRetryAfter() {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-20T10:00:00Z"));
    try (SandboxFixture sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults()
                .rateLimitPerHour(1)
                .rateLimitRetryAfter(RetryAfterFormat.SECONDS)
                .clock(clock))) {
      sandbox.get("/v1/apps");
      clock.advance(Duration.ofMinutes(20));

      HttpResponse<byte[]> limited = sandbox.get("/v1/apps");

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("2400");
    }
  }

  @Test
  void limitsChangeWhileRunning() {
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults())) {
      sandbox.server.faults().rateLimits(2, 0);
      sandbox.get("/v1/apps");
      sandbox.get("/v1/apps");

      assertThat(sandbox.get("/v1/apps").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void callsAndDownloadsAreCountedApart() {
    MutableClock clock = new MutableClock(Instant.now());
    try (SandboxFixture sandbox = SandboxFixture.start(SandboxFixture.defaults().clock(clock))) {
      JsonNode instance = SegmentDownloadTest.latestInstance(sandbox, "App Downloads Standard");
      sandbox.instanceRows(instance.path("id").asText());
      long callsBefore = sandbox.server.apiCallCount();
      clock.advance(Duration.ofMinutes(2));
      sandbox.get("/v1/apps");

      assertThat(sandbox.server.downloadCount()).isEqualTo(2);
      assertThat(sandbox.server.apiCallCount()).isEqualTo(callsBefore + 1);
      assertThat(sandbox.server.requestCount()).isEqualTo(sandbox.server.apiCallCount());
      assertThat(sandbox.server.peakRequestsPerMinute()).isEqualTo((int) callsBefore);

      sandbox.server.resetCounters();
      assertThat(sandbox.server.apiCallCount()).isZero();
      assertThat(sandbox.server.downloadCount()).isZero();
      assertThat(sandbox.server.peakRequestsPerMinute()).isZero();
    }
  }
}
