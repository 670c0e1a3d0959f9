package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fault switch can be flipped over HTTP by a client in another process. */
class FaultEndpointsOverHttpTest {

  private SandboxFixture sandbox;

  @BeforeEach
  void startSandbox() {
    sandbox = SandboxFixture.start(SandboxFixture.defaults());
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  private HttpResponse<byte[]> post(String endpoint, String body) {
    return sandbox.postUnauthenticated("/sandbox/faults/" + endpoint, body);
  }

  @ParameterizedTest
  @CsvSource({
    "unauthorized, UNAUTHORIZED",
    "conflict-on-create, CONFLICT_ON_CREATE",
    "expire-download-urls, EXPIRED_URLS",
    "truncate-segments, TRUNCATED_SEGMENTS",
    "html-downloads, HTML_DOWNLOADS",
    "corrupt-downloads, CORRUPT_DOWNLOADS",
    "malformed-json, MALFORMED_JSON",
    "missing-fields, MISSING_FIELDS",
    "wrong-content-type, WRONG_CONTENT_TYPE",
    "stall-api-calls, STALL_API",
    "stall-downloads, STALL_DOWNLOADS",
    "stall-downloads-mid-body, STALL_DOWNLOADS_MID_BODY",
    "fail-api-calls, SERVER_ERROR",
    "throttle, THROTTLE",
    "huge-page, HUGE_PAGE"
  })
  void countedSwitchIsArmed(String endpoint, CountedFault fault) {
    HttpResponse<byte[]> response = post(endpoint, "{\"count\":3}");

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(204);
    assertThat(sandbox.server.faults().pending(fault)).isEqualTo(3);
  }

  @Test
  void countedSwitchTakesItsOptions() {
    post("fail-api-calls", "{\"count\":1,\"status\":504}");
    post("throttle", "{\"count\":1,\"retryAfter\":\"SECONDS\",\"retryAfterSeconds\":7}");
    post("huge-page", "{\"count\":1,\"items\":250}");
    FaultSwitches switches = sandbox.server.faults().switches();

    assertThat(switches.serverErrorStatus()).isEqualTo(504);
    assertThat(switches.throttleRetryAfter()).isEqualTo(RetryAfterFormat.SECONDS);
    assertThat(switches.throttleRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(switches.hugePageItems()).isEqualTo(250);
  }

  @Test
  void switchesThatStayOn() {
    post("multi-member-gzip", "{\"enabled\":true}");
    post("looping-next-links", "{\"enabled\":true}");
    post("forbid-request-listing", "{\"enabled\":true}");
    post("finance-access", "{\"enabled\":false}");
    post("delay", "{\"millis\":25}");
    FaultSwitches switches = sandbox.server.faults().switches();

    assertThat(switches.multiMemberGzip()).isTrue();
    assertThat(switches.loopingNextLinks()).isTrue();
    assertThat(switches.requestListingForbidden()).isTrue();
    assertThat(switches.financeAccess()).isFalse();
    assertThat(switches.apiResponseDelay()).isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void salesSwitches() {
    post("sales-version", "{\"reportType\":\"SUBSCRIPTION\",\"version\":\"1_5\"}");
    HttpResponse<byte[]> version =
        sandbox.get(
            SalesTrendsFamilyTest.path(
                "DAILY",
                "SUBSCRIPTION",
                "SUMMARY",
                SandboxFixture.TODAY.minusDays(2).toString(),
                "1_4"));
    post("sales-delay", "{\"days\":2}");
    HttpResponse<byte[]> late =
        sandbox.get(
            SalesTrendsFamilyTest.path(
                "DAILY",
                "SUBSCRIPTION",
                "SUMMARY",
                SandboxFixture.TODAY.minusDays(2).toString(),
                "1_5"));
    post("sales-retention", "{\"days\":1}");
    HttpResponse<byte[]> gone =
        sandbox.get(
            SalesTrendsFamilyTest.path(
                "DAILY",
                "SUBSCRIPTION",
                "SUMMARY",
                SandboxFixture.TODAY.minusDays(5).toString(),
                "1_5"));

    assertThat(detail(version)).endsWith("The latest version for this report is 1_5.");
    assertThat(detail(late)).startsWith("Report is not available yet.");
    assertThat(gone.statusCode()).isEqualTo(410);
  }

  @Test
  void rateLimitsAndReset() {
    post("rate-limits", "{\"perHour\":50,\"perMinute\":5}");
    String limited = sandbox.get("/v1/apps").headers().firstValue("X-Rate-Limit").orElseThrow();
    post("unauthorized", "{\"count\":3}");

    HttpResponse<byte[]> reset = post("reset", "");

    assertThat(limited)
        .isEqualTo("user-hour-lim:50;user-hour-rem:49;user-minute-lim:5;user-minute-rem:4;");
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(sandbox.server.faults().pending(CountedFault.UNAUTHORIZED)).isZero();
    assertThat(sandbox.get("/v1/apps").headers().firstValue("X-Rate-Limit"))
        .hasValue("user-hour-lim:3600;user-hour-rem:3598;");
  }

  @Test
  void countersOverHttp() {
    sandbox.get("/v1/apps");
    JsonNode status =
        SandboxFixture.json(sandbox.download(sandbox.server.baseUrl() + "/sandbox/status"));
    HttpResponse<byte[]> reset = sandbox.postUnauthenticated("/sandbox/counters/reset", "");

    assertThat(status.path("apiCallCount").asLong()).isEqualTo(1);
    assertThat(status.path("downloadCount").asLong()).isZero();
    assertThat(status.path("peakRequestsPerMinute").asInt()).isEqualTo(1);
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(sandbox.server.apiCallCount()).isZero();
  }

  @Test
  void invalidSwitchBodiesAreRejected() {
    HttpResponse<byte[]> negative = post("unauthorized", "{\"count\":-1}");
    HttpResponse<byte[]> missing = post("multi-member-gzip", "{}");
    HttpResponse<byte[]> badFormat = post("throttle", "{\"count\":1,\"retryAfter\":\"HOURS\"}");
    HttpResponse<byte[]> badStatus = post("fail-api-calls", "{\"count\":1,\"status\":404}");

    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(detail(negative)).isEqualTo("Invalid count: -1 (expected 0 or more)");
    assertThat(detail(missing)).isEqualTo("Missing member: 'enabled' (expected true or false)");
    assertThat(detail(badFormat))
        .isEqualTo("Invalid retryAfter: HOURS (expected NONE, SECONDS or EPOCH_MILLIS)");
    assertThat(detail(badStatus)).isEqualTo("Invalid status: 404 (expected 500, 502, 503 or 504)");
  }

  private static String detail(HttpResponse<byte[]> response) {
    return SandboxFixture.json(response).path("errors").get(0).path("detail").asText();
  }
}
