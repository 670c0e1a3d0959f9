package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills days that only a ONE_TIME_SNAPSHOT request still contains, because the sandbox's clock
 * is past the 35-day retention of ONGOING instances, and compares them with the ground truth. A
 * second backfill over the same range lands nothing.
 */
class BackfillSandboxTest {

  private static final LocalDate FROM = LocalDate.of(2025, 4, 7);
  private static final LocalDate TO = LocalDate.of(2025, 4, 9);

  @TempDir Path directory;

  @Test
  void backfillEqualsGroundTruthAndRerunLandsNothing() throws Exception {
    Path lakeDirectory = directory.resolve("lake");
    String[] backfill = {
      "backfill",
      "--sandbox",
      "--apps",
      "2",
      "--lake",
      lakeDirectory.toString(),
      "--from",
      FROM.toString(),
      "--to",
      TO.toString(),
      "--spark-master",
      "local[2]"
    };

    LauncherRun.Result first = LauncherRun.run(backfill);
    assertThat(first.exitCode()).as("backfill exit code; stderr:%n%s", first.stderr()).isZero();
    assertThat(first.stdout()).contains("Backfill: ").doesNotContain("Backfill: 0 units landed");

    Map<String, List<Map<String, JsonNode>>> tables =
        TableRows.readTables(lakeDirectory, directory.resolve("rows.jsonl"), "downloads");
    Map<String, List<Map<String, JsonNode>>> byAppAndDate =
        TableRows.groupBy(tables.get("downloads"), "report_variant", "app_apple_id", "metric_date");
    Lake lake = new Lake(lakeDirectory);
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(42, 2, FROM);
    // The ground truth lists only instances inside the 35-day retention, so it is read on a day
    // when the range's latest instances were still listed. Their rows do not change later.
    try (SandboxServer server = sandboxLake.start(settings, TO.plusDays(5))) {
      GroundTruth truth = server.groundTruth();
      for (String appId : server.config().appIds()) {
        for (LocalDate date = FROM; !date.isAfter(TO); date = date.plusDays(1)) {
          List<Map<String, String>> expectedRows =
              truth.analyticsRows(appId, "App Downloads Standard", date);
          assertThat(expectedRows).as("ground truth for %s on %s", appId, date).isNotEmpty();
          List<Map<String, String>> expected = new ArrayList<>();
          expectedRows.forEach(row -> expected.add(TableRows.normaliseAppleRow(row)));
          List<Map<String, String>> actual = new ArrayList<>();
          byAppAndDate
              .getOrDefault("Standard|" + appId + "|" + date + "|", List.of())
              .forEach(row -> actual.add(TableRows.asAppleRow(row, expectedRows.get(0).keySet())));
          assertThat(actual)
              .as("backfilled App Downloads Standard rows for app %s on %s", appId, date)
              .containsExactlyInAnyOrderElementsOf(expected);
        }
      }
    }

    LauncherRun.Result second = LauncherRun.run(backfill);
    assertThat(second.exitCode()).as("second backfill exit code").isZero();
    assertThat(second.stdout()).contains("Backfill: 0 units landed");
  }
}
