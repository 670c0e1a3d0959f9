package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.launcher.health.RecordingServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daily job (extract, then curate) for one sandbox app, then checks the table {@code runs}
 * and runs {@code health} on the lake: healthy the morning after, stale three days later (with a
 * webhook alert), and unreadable without a lake. Loading a summary twice is tested in
 * spark-curation's RunsTableTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATE = "2025-01-10";

  private Path directory;
  private Path lake;
  private JsonNode summary;
  private String appId;
  private RecordingServer receiver;
  private Path config;

  @BeforeAll
  void runDaily(@TempDir Path temporary) throws IOException {
    directory = temporary;
    lake = directory.resolve("lake");
    LauncherRun.Result daily =
        LauncherRun.run(
            "daily", "--sandbox", "--apps", "1", "--date", DATE, "--lake", lake.toString());
    assertThat(daily.exitCode()).as("daily stderr:%n%s", daily.stderr()).isZero();

    Path summaries = lake.resolve("raw/runs/extractor/run_date=" + DATE);
    try (Stream<Path> files = Files.list(summaries)) {
      List<Path> found = files.toList();
      assertThat(found).hasSize(1);
      summary = JSON.readTree(found.get(0).toFile());
    }
    appId = summary.get("apps").get(0).get("app_id").asText();

    receiver = new RecordingServer(200, "text/plain", "ok");
    config = directory.resolve("health.env");
    Files.writeString(
        config,
        "HEALTH_WEBHOOK_URL=" + receiver.uri("/hooks/T1/secret-token") + "\n",
        StandardCharsets.UTF_8);
  }

  @AfterAll
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void runsHoldExtractorAndCurationRows() throws IOException {
    Path output = directory.resolve("runs.jsonl");
    LauncherRun.Result query =
        LauncherRun.run(
            "query",
            "--lake",
            lake.toString(),
            "--format",
            "jsonl",
            "--output",
            output.toString(),
            "SELECT run_kind, run_id, status, CAST(apps AS STRING) AS apps, units_landed,"
                + " errors_total, rows_written, date_format(started_at, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\")"
                + " AS started, date_format(finished_at, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\")"
                + " AS finished, source_file FROM appstore.runs"
                + " ORDER BY run_kind DESC, started_at");
    assertThat(query.exitCode()).as("query stderr:%n%s", query.stderr()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      rows.add(JSON.readTree(line));
    }

    assertThat(rows).hasSize(2);
    JsonNode extractor = rows.get(0);
    String runId = summary.get("run_id").asText();
    assertThat(extractor.toString())
        .isEqualTo(
            "{\"run_kind\":\"extractor\",\"run_id\":\""
                + runId
                + "\",\"status\":\"ok\",\"apps\":\"["
                + appId
                + "]\",\"units_landed\":"
                + summary.get("units_landed").asLong()
                + ",\"errors_total\":0,\"rows_written\":null,\"started\":\""
                + summary.get("started_at").asText()
                + "\",\"finished\":\""
                + summary.get("finished_at").asText()
                + "\",\"source_file\":\"runs/extractor/run_date="
                + DATE
                + "/"
                + runId
                + ".json\"}");
    assertThat(summary.get("units_landed").asLong()).isPositive();
    for (JsonNode curation : rows.subList(1, 2)) {
      assertThat(curation.get("run_kind").asText()).isEqualTo("curation");
      assertThat(curation.get("status").asText()).isEqualTo("ok");
      assertThat(curation.get("apps").asText()).isEqualTo("[" + appId + "]");
      assertThat(curation.get("rows_written").asLong()).isPositive();
    }
  }

  @Test
  void healthyMorningAfterExitsZeroAndSendsNoAlert() throws IOException {
    int before = receiver.requests().size();
    LauncherRun.Result health =
        LauncherRun.run(
            "health",
            "--lake",
            lake.toString(),
            "--json",
            "--days",
            "5",
            "--now",
            "2025-01-11T07:00:00Z",
            "--alert",
            "--env-file",
            config.toString());

    assertThat(health.exitCode()).as("health stderr:%n%s", health.stderr()).isZero();
    JsonNode json = JSON.readTree(health.stdout());
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("problems")).isEmpty();
    List<String> tables = new ArrayList<>();
    json.get("tables").forEach(row -> tables.add(row.toString()));
    assertThat(tables.get(0))
        .isEqualTo(
            "{\"table\":\"downloads\",\"app_apple_id\":"
                + appId
                + ",\"latest_metric_date\":\"2025-01-10\",\"expected_latest\":\"2025-01-10\","
                + "\"lag_days\":0,\"completeness_days\":2,\"final_through\":\"2025-01-08\","
                + "\"missing_dates\":[],\"status\":\"ok\"}");
    assertThat(tables).hasSize(9).allMatch(row -> row.endsWith("\"status\":\"ok\"}"));
    assertThat(json.get("runs").get(0).get("run_id").asText())
        .isEqualTo(summary.get("run_id").asText());
    assertThat(json.get("requests").get(0).get("status").asText()).isEqualTo("ok");
    assertThat(receiver.requests()).hasSize(before);
  }

  @Test
  void staleLakeExitsOnePrintsTheTableAndAlerts() throws IOException {
    int before = receiver.requests().size();
    LauncherRun.Result health =
        LauncherRun.run(
            "health",
            "--lake",
            lake.toString(),
            "--days",
            "5",
            "--now",
            "2025-01-14T07:00:00Z",
            "--alert",
            "--env-file",
            config.toString());

    assertThat(health.exitCode()).as("health stderr:%n%s", health.stderr()).isEqualTo(1);
    String tableText = health.stdout().substring(0, health.stdout().indexOf("\n\n") + 1);
    StringBuilder expected =
        new StringBuilder(
            "TABLE                APP         LATEST      EXPECTED    LAG  FINAL       MISSING"
                + "                     STATUS\n");
    String[][] analytics = {
      {"downloads", "2025-01-11"},
      {"engagement", "2025-01-10"},
      {"sessions", "2025-01-08"},
      {"installs_deletions", "2025-01-08"},
      {"purchases", "2025-01-11"},
      {"crashes", "2025-01-08"}
    };
    for (String[] table : analytics) {
      expected.append(
          String.format(
              "%-19s  %s  2025-01-10  2025-01-13  3    %s  3 (2025-01-11..2025-01-13)  stale%n",
              table[0], appId, table[1]));
    }
    for (String table : List.of("sales", "subscriptions", "subscription_events")) {
      expected.append(
          String.format(
              "%-19s  all         2025-01-10  2025-01-12  2    2025-01-12"
                  + "  2 (2025-01-11..2025-01-12)  stale%n",
              table));
    }
    assertThat(tableText).isEqualTo(expected.toString());
    assertThat(health.stdout())
        .contains(
            "- downloads for app "
                + appId
                + " is stale: latest metric date 2025-01-10, expected 2025-01-13 (3 days"
                + " behind); missing 2025-01-11..2025-01-13\n");
    assertThat(health.stderr())
        .contains("Sent the alert to webhook " + receiver.uri("") + "/…")
        .doesNotContain("secret-token");

    assertThat(receiver.requests()).hasSize(before + 1);
    RecordingServer.Request alert = receiver.requests().get(before);
    assertThat(alert.path()).isEqualTo("/hooks/T1/secret-token");
    JsonNode body = JSON.readTree(alert.body());
    assertThat(body.get("text").asText())
        .startsWith("appstore-etl health check at 2025-01-14T07:00:00Z: 9 problems\n- downloads");
    assertThat(body.get("tables")).hasSize(9);
    assertThat(body.get("problems")).hasSize(9);
    // The extractor and curation runs started (in real time) after the checked time: not too old.
    assertThat(body.get("runs")).isEmpty();
  }

  @Test
  void missingLakeExitsThreeNamingWhatItCouldNotRead() throws IOException {
    Path nowhere = directory.resolve("nowhere");
    LauncherRun.Result missing = LauncherRun.run("health", "--lake", nowhere.toString());
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.stderr())
        .contains("Error: Cannot read the lake: the lake folder " + nowhere + " does not exist");

    Path empty = directory.resolve("empty");
    Files.createDirectories(empty.resolve("raw"));
    LauncherRun.Result noCatalog = LauncherRun.run("health", "--lake", empty.toString());
    assertThat(noCatalog.exitCode()).isEqualTo(3);
    assertThat(noCatalog.stderr())
        .contains(
            "Error: Cannot read the lake: the Iceberg catalog "
                + empty.resolve("catalog.db")
                + " does not exist");

    LauncherRun.Result usage = LauncherRun.run("health", "--lake", empty.toString(), "--days", "0");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.stderr()).contains("Invalid --days: 0 (expected 1 to 400)");
  }
}
