package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A day of 92 apps with the full report set, fetched in parallel as the extractor would. */
class ScaleTest {

  private static final List<String> REPORTS =
      List.of(
          "App Downloads Standard",
          "App Downloads Detailed",
          "App Store Discovery and Engagement Standard",
          "App Store Discovery and Engagement Detailed",
          "App Sessions Standard",
          "App Sessions Detailed",
          "App Store Installation and Deletion Standard",
          "App Store Installation and Deletion Detailed",
          "App Store Purchases Standard",
          "App Store Purchases Detailed",
          "App Crashes");

  @Test
  void ninetyTwoAppsServeADayQuickly() throws Exception {
    try (SandboxFixture sandbox =
        SandboxFixture.start(SandboxFixture.defaults().appCount(92).rateLimitPerHour(100_000))) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      AtomicLong rows = new AtomicLong();
      long started = System.nanoTime();
      List<Future<?>> apps = new ArrayList<>();
      for (String appId : sandbox.server.appIds()) {
        apps.add(pool.submit(() -> rows.addAndGet(fetchLatestDay(sandbox, appId))));
      }
      for (Future<?> app : apps) {
        app.get(60, TimeUnit.SECONDS);
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      pool.shutdown();

      // Per app: 3 days of 250 + 100 + 450 + 100 + 2 * 80 + 2 * 80 + 2 * 60 + 20 rows.
      assertThat(rows.get()).isEqualTo(92L * 3 * 1360);
      assertThat(seconds).as("seconds for 92 apps").isLessThan(30);
      assertThat(sandbox.server.downloadCount()).isGreaterThanOrEqualTo(92L * REPORTS.size());
    }
  }

  /** Lists today's DAILY instance of every report of the app and downloads its segments. */
  private static long fetchLatestDay(SandboxFixture sandbox, String appId) {
    String requestId = sandbox.ongoingRequestId(appId);
    JsonNode reports =
        sandbox.getJson("/v1/analyticsReportRequests/" + requestId + "/reports?limit=200");
    long rows = 0;
    for (JsonNode report : reports.path("data")) {
      if (!REPORTS.contains(report.path("attributes").path("name").asText())) {
        continue;
      }
      JsonNode instances =
          sandbox.getJson(
              "/v1/analyticsReports/"
                  + report.path("id").asText()
                  + "/instances?filter[granularity]=DAILY&filter[processingDate]="
                  + SandboxFixture.TODAY);
      String instanceId = instances.path("data").get(0).path("id").asText();
      JsonNode segments =
          sandbox.getJson("/v1/analyticsReportInstances/" + instanceId + "/segments");
      for (JsonNode segment : segments.path("data")) {
        HttpResponse<byte[]> file =
            sandbox.download(segment.path("attributes").path("url").asText());
        // Data rows: every line after the header.
        rows += SandboxFixture.gunzip(file.body()).chars().filter(c -> c == '\n').count() - 1;
      }
    }
    return rows;
  }
}
