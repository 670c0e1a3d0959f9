package io.appstoreetl.extractor;

import static io.appstoreetl.extractor.testing.AppleDocuments.instance;
import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.report;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static io.appstoreetl.extractor.testing.AppleDocuments.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.RunOptions.Source;
import io.appstoreetl.extractor.ads.AppleAdsResult;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestExtractRun {
  private static final int APPS = 24;
  private static final int THREADS = 8;
  private static final byte[] SEGMENT =
      TestSupport.gzip("Date\tApp Apple Identifier\tCounts\n2025-01-08\t1\t5\n");

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private MutableClock clock;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect().latencyMs(20);
    clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void appsRunInParallelWithinThePool() throws IOException {
    List<String> appIds = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      String appId = Long.toString(1_000_000_001L + i);
      appIds.add(appId);
      serveApp(appId);
    }
    AppStoreConnectClient client = TestSupport.client(server, clock);

    RunSummary summary =
        new ExtractRun(
                appIds,
                false,
                "80000001",
                Map.of(),
                List.of(),
                client,
                new RawZone(root, TestSupport.MAPPER),
                clock,
                RunProgress.NONE)
            .run(options(EnumSet.of(Source.ANALYTICS)));

    assertThat(summary.errorsTotal()).isZero();
    assertThat(summary.apps()).hasSize(APPS).allMatch(app -> app.status().equals("ok"));
    assertThat(summary.unitsLanded()).isEqualTo(APPS);
    assertThat(server.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(THREADS);
    assertThat(client.stats().apiCalls())
        .as("per app: requests, reports, instances, segments")
        .isEqualTo(4L * APPS);
    assertThat(client.stats().fileDownloads()).isEqualTo(APPS);
  }

  @Test
  void appleAdsSkippedWhenNotConfigured() throws IOException {
    serveApp("1000000001");
    AppStoreConnectClient client = TestSupport.client(server, clock);

    RunSummary summary =
        new ExtractRun(
                List.of("1000000001"),
                false,
                "80000001",
                Map.of(),
                List.of(),
                client,
                new RawZone(root, TestSupport.MAPPER),
                clock,
                RunProgress.NONE)
            .run(options(EnumSet.of(Source.ANALYTICS, Source.APPLE_ADS)));
    JsonNode json = summary.toJson(TestSupport.MAPPER);

    assertThat(summary.errorsTotal()).isZero();
    assertThat(summary.unitsLanded()).as("the analytics unit still lands").isEqualTo(1);
    assertThat(json.path("apple_ads").path("status").asText()).isEqualTo("skipped");
    assertThat(json.path("apple_ads").path("reason").asText()).isEqualTo("not configured");
    assertThat(json.path("apple_ads").path("units")).isEmpty();
    assertThat(json.path("apple_ads").path("errors")).isEmpty();
    assertThat(json.path("apple_ads").path("touched_metric_dates")).isEmpty();

    // A landed Apple Ads range: its days are touched for search_terms only.
    RunSummary withAds =
        new RunSummary(
            summary.runId(),
            summary.options(),
            summary.startedAt(),
            summary.finishedAt(),
            summary.apps(),
            summary.appsListing(),
            summary.sales(),
            summary.finance(),
            summary.stats(),
            summary.rateLimiter(),
            new AppleAdsResult(
                AppleAdsResult.COMPLETE,
                null,
                "40669820",
                "40669820",
                "America/Los_Angeles",
                LocalDate.of(2024, 12, 1),
                LocalDate.of(2024, 12, 4),
                1,
                1,
                0,
                3,
                List.of("source=apple_ads/report=search_terms/"),
                new TreeSet<>(List.of(LocalDate.of(2024, 12, 2))),
                List.of()));
    JsonNode adsJson = withAds.toJson(TestSupport.MAPPER);
    assertThat(adsJson.path("apple_ads").path("touched_metric_dates").toString())
        .as("every day of the requested range, the days without rows too")
        .isEqualTo("[\"2024-12-01\",\"2024-12-02\",\"2024-12-03\",\"2024-12-04\"]");
    assertThat(adsJson.path("touched_metric_dates").toString())
        .as("the App Store Connect dates only")
        .isEqualTo(json.path("touched_metric_dates").toString())
        .doesNotContain("2024-12");
  }

  @Test
  void salesDatesHealTheLastDays() {
    LocalDate wednesday = LocalDate.parse("2025-01-15");

    assertThat(ExtractRun.salesReportDates("DAILY", wednesday))
        .hasSize(7)
        .startsWith(wednesday)
        .endsWith(LocalDate.parse("2025-01-09"));
    assertThat(ExtractRun.salesReportDates("WEEKLY", wednesday))
        .containsExactly(LocalDate.parse("2025-01-12"), LocalDate.parse("2025-01-05"));
    assertThat(ExtractRun.salesReportDates("MONTHLY", wednesday))
        .containsExactly(LocalDate.parse("2024-12-01"), LocalDate.parse("2024-11-01"));
    assertThat(ExtractRun.salesReportDates("MONTHLY", LocalDate.parse("2025-01-31")))
        .containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2024-12-01"));
  }

  private RunOptions options(EnumSet<Source> sources) {
    return new RunOptions(
        RunOptions.EXTRACT,
        LocalDate.parse("2025-01-09"),
        null,
        null,
        List.of("DAILY"),
        THREADS,
        sources,
        YearMonth.parse("2024-12"));
  }

  private void serveApp(String appId) {
    String requestId = "req-" + appId;
    String reportId = "r3-" + requestId;
    String instanceId = "inst-" + appId;
    server.on(
        "GET /v1/apps/" + appId + "/analyticsReportRequests",
        Reply.json(200, page(null, request(requestId, "ONGOING", false))));
    server.on(
        "GET /v1/analyticsReportRequests/" + requestId + "/reports",
        Reply.json(200, page(null, report(reportId, "App Downloads Standard", "COMMERCE"))));
    server.on(
        "GET /v1/analyticsReports/" + reportId + "/instances",
        Reply.json(200, page(null, instance(instanceId, "2025-01-09"))));
    server.on(
        "GET /v1/analyticsReportInstances/" + instanceId + "/segments",
        Reply.json(
            200,
            page(
                null,
                segment(
                    "seg-" + appId,
                    TestSupport.md5(SEGMENT),
                    SEGMENT.length,
                    server.baseUrl() + "/s3/" + appId + "?X-Amz-Signature=s"))));
    server.on("GET /s3/" + appId, Reply.bytes(200, SEGMENT, "application/octet-stream"));
  }
}
