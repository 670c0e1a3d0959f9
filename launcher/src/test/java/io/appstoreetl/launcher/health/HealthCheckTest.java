package io.appstoreetl.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.launcher.health.RawFacts.AppEntry;
import io.appstoreetl.launcher.health.RawFacts.ExtractorRun;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> rows(HealthReport report, String field) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : report.toJson(JSON).get(field)) {
      rows.add(row.toString());
    }
    return rows;
  }

  @Test
  void healthyLakeHasOkRowsAndNoProblems() {
    HealthReport report = new HealthFacts().report();

    assertThat(report.healthy()).isTrue();
    assertThat(rows(report, "tables"))
        .containsExactly(
            "{\"table\":\"downloads\",\"app_apple_id\":1000000001,"
                + "\"latest_metric_date\":\"2025-01-10\",\"expected_latest\":\"2025-01-10\","
                + "\"lag_days\":0,\"completeness_days\":2,\"final_through\":\"2025-01-08\","
                + "\"missing_dates\":[],\"status\":\"ok\"}",
            "{\"table\":\"sales\",\"app_apple_id\":null,"
                + "\"latest_metric_date\":\"2025-01-09\",\"expected_latest\":\"2025-01-09\","
                + "\"lag_days\":0,\"completeness_days\":0,\"final_through\":\"2025-01-09\","
                + "\"missing_dates\":[],\"status\":\"ok\"}");
    assertThat(rows(report, "requests"))
        .containsExactly(
            "{\"app_apple_id\":\"1000000001\",\"request_id\":\"request-2\","
                + "\"registered_at\":\"2025-01-02T06:00:01Z\",\"previous_request_id\":null,"
                + "\"instances_landed\":3,\"status\":\"ok\"}");
    assertThat(rows(report, "runs"))
        .containsExactly(
            "{\"kind\":\"extractor\",\"run_id\":\"20250111T060000000Z-0000e001\","
                + "\"started_at\":\"2025-01-11T06:00:00Z\",\"finished_at\":\"2025-01-11T06:05:00Z\","
                + "\"status\":\"ok\",\"errors_total\":0,\"errors\":[],"
                + "\"source\":\"raw zone: runs/extractor/run_date=2025-01-10/"
                + "20250111T060000000Z-0000e001.json\"}",
            "{\"kind\":\"curation\",\"run_id\":\"20250111T061000000Z-0000c001\","
                + "\"started_at\":\"2025-01-11T06:10:00Z\",\"finished_at\":\"2025-01-11T06:15:00Z\","
                + "\"status\":\"ok\",\"errors_total\":0,\"errors\":[],\"source\":\"table runs\"}");
    JsonNode json = report.toJson(JSON);
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("window_start").asText()).isEqualTo("2025-01-06");
    assertThat(json.get("problems")).isEmpty();
  }

  @Test
  void healthyTerminalTextIsAligned() {
    String text = new HealthFacts().report().toText();

    assertThat(text)
        .isEqualTo(
            "TABLE      APP         LATEST      EXPECTED    LAG  FINAL       MISSING  STATUS\n"
                + "downloads  1000000001  2025-01-10  2025-01-10  0    2025-01-08  0        ok\n"
                + "sales      all         2025-01-09  2025-01-09  0    2025-01-09  0        ok\n"
                + "\n"
                + "APP         ONGOING REQUEST  REGISTERED            REPLACED  LANDED  STATUS\n"
                + "1000000001  request-2        2025-01-02T06:00:01Z  -         3       ok\n"
                + "\n"
                + "RUN        ID                            STARTED               FINISHED"
                + "              ERRORS  STATUS\n"
                + "extractor  20250111T060000000Z-0000e001  2025-01-11T06:00:00Z"
                + "  2025-01-11T06:05:00Z  0       ok\n"
                + "curation   20250111T061000000Z-0000c001  2025-01-11T06:10:00Z"
                + "  2025-01-11T06:15:00Z  0       ok\n"
                + "\n"
                + "Healthy: every table is up to date and the last runs succeeded.\n");
  }

  @Test
  void staleTableIsBehindWithItsTailMissing() {
    HealthFacts facts = new HealthFacts();
    facts.downloadsDates = HealthFacts.range("2025-01-06", "2025-01-08");
    HealthReport report = facts.report();

    assertThat(report.healthy()).isFalse();
    assertThat(rows(report, "tables").get(0))
        .isEqualTo(
            "{\"table\":\"downloads\",\"app_apple_id\":1000000001,"
                + "\"latest_metric_date\":\"2025-01-08\",\"expected_latest\":\"2025-01-10\","
                + "\"lag_days\":2,\"completeness_days\":2,\"final_through\":\"2025-01-08\","
                + "\"missing_dates\":[\"2025-01-09\",\"2025-01-10\"],\"status\":\"stale\"}");
    assertThat(report.problems())
        .containsExactly(
            "downloads for app 1000000001 is stale: latest metric date 2025-01-08, expected"
                + " 2025-01-10 (2 days behind); missing 2025-01-09..2025-01-10");
    assertThat(report.toText())
        .contains(
            "downloads  1000000001  2025-01-08  2025-01-10  2    2025-01-08"
                + "  2 (2025-01-09..2025-01-10)  stale\n")
        .endsWith(
            "1 problem:\n- downloads for app 1000000001 is stale: latest metric date 2025-01-08,"
                + " expected 2025-01-10 (2 days behind); missing 2025-01-09..2025-01-10\n");
  }

  @Test
  void gapInWindowIsMissingButEmptySalesDayIsNot() {
    HealthFacts facts = new HealthFacts();
    facts.downloadsDates.remove(LocalDate.parse("2025-01-07"));
    facts.salesDates.remove(LocalDate.parse("2025-01-08"));
    facts.salesDates.remove(LocalDate.parse("2025-01-06"));
    facts.salesEmptyDates.add(LocalDate.parse("2025-01-08"));
    HealthReport report = facts.report();

    assertThat(rows(report, "tables"))
        .containsExactly(
            "{\"table\":\"downloads\",\"app_apple_id\":1000000001,"
                + "\"latest_metric_date\":\"2025-01-10\",\"expected_latest\":\"2025-01-10\","
                + "\"lag_days\":0,\"completeness_days\":2,\"final_through\":\"2025-01-08\","
                + "\"missing_dates\":[\"2025-01-07\"],\"status\":\"gaps\"}",
            "{\"table\":\"sales\",\"app_apple_id\":null,"
                + "\"latest_metric_date\":\"2025-01-09\",\"expected_latest\":\"2025-01-09\","
                + "\"lag_days\":0,\"completeness_days\":0,\"final_through\":\"2025-01-09\","
                + "\"missing_dates\":[\"2025-01-06\"],\"status\":\"gaps\"}");
    assertThat(report.problems())
        .containsExactly(
            "downloads for app 1000000001 is missing 2025-01-07", "sales is missing 2025-01-06");
  }

  @Test
  void newAppIsCheckedFromItsFirstDate() {
    HealthFacts facts = new HealthFacts();
    facts.downloadsFirst = LocalDate.parse("2025-01-09");
    facts.downloadsDates = HealthFacts.range("2025-01-09", "2025-01-10");

    assertThat(facts.report().healthy()).isTrue();
  }

  @Test
  void failedLastRunsAreReported() {
    HealthFacts facts = new HealthFacts();
    facts.extractorErrors = 1;
    facts.extractorErrorMessages.add("app 1000000001: HTTP 401 NOT_AUTHORIZED");
    facts.curationStatus = "errors";
    HealthReport report = facts.report();

    assertThat(rows(report, "runs").get(0))
        .isEqualTo(
            "{\"kind\":\"extractor\",\"run_id\":\"20250111T060000000Z-0000e001\","
                + "\"started_at\":\"2025-01-11T06:00:00Z\",\"finished_at\":\"2025-01-11T06:05:00Z\","
                + "\"status\":\"errors\",\"errors_total\":1,"
                + "\"errors\":[\"app 1000000001: HTTP 401 NOT_AUTHORIZED\"],"
                + "\"source\":\"raw zone: runs/extractor/run_date=2025-01-10/"
                + "20250111T060000000Z-0000e001.json\"}");
    assertThat(report.problems())
        .containsExactly(
            "Last extractor run 20250111T060000000Z-0000e001 reported 1 error: app 1000000001:"
                + " HTTP 401 NOT_AUTHORIZED",
            "Last curation run 20250111T061000000Z-0000c001 has status errors");
  }

  @Test
  void oldRunsAndCurationBehindAreReported() {
    HealthFacts facts = new HealthFacts();
    facts.curationStarted = Instant.parse("2025-01-11T05:00:00Z");
    assertThat(facts.report().problems())
        .containsExactly(
            "Last curation run 20250111T061000000Z-0000c001 started before the last extractor"
                + " run 20250111T060000000Z-0000e001 finished: what it landed is not curated yet");

    HealthReport later =
        HealthCheck.evaluate(facts.lake(), facts.raw(), Instant.parse("2025-01-13T07:00:00Z"), 5);
    assertThat(later.problems())
        .contains(
            "Last extractor run 20250111T060000000Z-0000e001 started 2025-01-11T06:00:00Z, more"
                + " than 48 hours ago",
            "Last curation run 20250111T061000000Z-0000c001 started 2025-01-11T05:00:00Z, more"
                + " than 48 hours ago");
  }

  @Test
  void stoppedRequestWithoutNewDataIsAProblem() {
    HealthFacts facts = new HealthFacts();
    facts.earlierRuns.add(
        new ExtractorRun(
            "runs/extractor/run_date=2025-01-08/a.json",
            "a",
            Instant.parse("2025-01-09T06:00:00Z"),
            Instant.parse("2025-01-09T06:01:00Z"),
            0,
            List.of(),
            List.of(new AppEntry("1000000001", "ONGOING", "request-1", 1))));
    HealthFacts stopped = facts;
    HealthReport replaced = stopped.report();
    assertThat(rows(replaced, "requests"))
        .containsExactly(
            "{\"app_apple_id\":\"1000000001\",\"request_id\":\"request-2\","
                + "\"registered_at\":\"2025-01-02T06:00:01Z\","
                + "\"previous_request_id\":\"request-1\",\"instances_landed\":3,"
                + "\"status\":\"replaced\"}");
    assertThat(replaced.healthy()).isTrue();

    RawFacts raw = stopped.raw();
    List<ExtractorRun> runs = new ArrayList<>(raw.runs());
    ExtractorRun last = runs.remove(runs.size() - 1);
    runs.add(
        new ExtractorRun(
            last.key(),
            last.runId(),
            last.startedAt(),
            last.finishedAt(),
            0,
            List.of(),
            List.of(new AppEntry("1000000001", "ONGOING", "request-2", 0))));
    HealthReport report =
        HealthCheck.evaluate(
            stopped.lake(), new RawFacts(runs, raw.registrations(), List.of()), HealthFacts.NOW, 5);
    assertThat(report.requests().get(0).status()).isEqualTo("stopped");
    assertThat(report.problems())
        .containsExactly(
            "App 1000000001: ONGOING request request-1 stopped; its replacement request-2"
                + " (registered 2025-01-02T06:00:01Z) has landed nothing yet");
  }

  @Test
  void publishingScheduleFollowsUtcForAnalyticsAndPacificForSales() {
    PublishingSchedule.Rule downloads = PublishingSchedule.rule("downloads").orElseThrow();
    PublishingSchedule.Rule sales = PublishingSchedule.rule("sales").orElseThrow();

    assertThat(downloads.expectedLatest(Instant.parse("2025-01-11T05:59:59Z")))
        .isEqualTo("2025-01-09");
    assertThat(downloads.expectedLatest(Instant.parse("2025-01-11T06:00:00Z")))
        .isEqualTo("2025-01-10");
    // 08:00 PST is 16:00 UTC in January, 08:00 PDT 15:00 UTC in July.
    assertThat(sales.expectedLatest(Instant.parse("2025-01-11T15:59:59Z"))).isEqualTo("2025-01-09");
    assertThat(sales.expectedLatest(Instant.parse("2025-01-11T16:00:00Z"))).isEqualTo("2025-01-10");
    assertThat(sales.expectedLatest(Instant.parse("2025-07-11T15:00:00Z"))).isEqualTo("2025-07-10");
    assertThat(PublishingSchedule.rule("sessions").orElseThrow().completenessDays()).isEqualTo(5);
  }
}
