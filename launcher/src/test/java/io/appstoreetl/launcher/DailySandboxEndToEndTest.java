package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daily job on three consecutive days against the sandbox, as cron would, and compares the
 * curated tables with the sandbox's ground truth row for row: restated days must hold exactly the
 * latest instance's rows, neither summed nor stale. Then it runs the same days again and checks
 * that no row changed.
 *
 * <p>Each run also lands the sandbox's Apple Ads search terms of the 30 days before its date, with
 * the installs of those days as of that run. {@code search_terms} must then hold the ground truth
 * as of the last run: a day older than 30 days has its final installs in the last run that landed
 * it, and every younger day was landed again by the last run.
 */
class DailySandboxEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 10);
  private static final int DAYS = 3;
  private static final int APPS = 3;
  private static final String[] TABLES = {
    "downloads", "engagement", "sales", "search_terms", "reviews"
  };
  private static final int MIN_ROWS_PER_VARIANT = 500;

  /**
   * Columns that name the landing a search_terms or reviews row came from: a rerun lands Apple Ads
   * anew, and a reviews fetch reads again from its overlap point.
   */
  private static final List<String> LANDING_COLUMNS =
      List.of("fetched_date", "landed_at", "source_file");

  @TempDir Path workDirectory;

  @Test
  void dailyRunsMatchGroundTruth() throws Exception {
    Path lake = workDirectory.resolve("lake");
    LocalDate lastDay = FIRST_DAY.plusDays(DAYS - 1);

    for (int day = 0; day < DAYS; day++) {
      runDaily(lake, FIRST_DAY.plusDays(day));
    }
    Map<String, List<Map<String, JsonNode>>> firstPass =
        TableRows.readTables(lake, workDirectory.resolve("first.jsonl"), TABLES);

    JsonNode settings = JSON.readTree(lake.resolve("sandbox/sandbox.json").toFile());
    SandboxConfig config =
        SandboxConfig.builder()
            .seed(settings.get("seed").asLong())
            .appCount(settings.get("app_count").asInt())
            .historyStart(LocalDate.parse(settings.get("history_start").asText()))
            .today(lastDay.plusDays(1))
            .build();
    List<SearchTermTotal> searchTermsAsOfLastRun;
    try (SandboxServer sandbox = SandboxServer.start(config)) {
      GroundTruth truth = sandbox.groundTruth();
      assertAnalyticsEqualGroundTruth(
          truth, config, firstPass.get("downloads"), "App Downloads", MIN_ROWS_PER_VARIANT);
      assertAnalyticsEqualGroundTruth(
          truth,
          config,
          firstPass.get("engagement"),
          "App Store Discovery and Engagement",
          MIN_ROWS_PER_VARIANT);
      assertSalesEqualGroundTruth(truth, firstPass.get("sales"), FIRST_DAY, lastDay);
      int searchTermRows =
          SearchTermsGroundTruth.assertTotalsEqual(
              truth, firstPass.get("search_terms"), FIRST_DAY.minusDays(29), lastDay);
      assertThat(searchTermRows).as("search-term ground-truth rows compared").isGreaterThan(150);
      assertReviewsContainGroundTruth(truth, firstPass.get("reviews"));
      searchTermsAsOfLastRun = truth.searchTermTotals(FIRST_DAY.minusDays(29), FIRST_DAY);
    }
    try (SandboxServer firstRunSandbox =
        SandboxServer.start(config.toBuilder().today(FIRST_DAY.plusDays(1)).build())) {
      assertThat(firstRunSandbox.groundTruth().searchTermTotals(FIRST_DAY.minusDays(29), FIRST_DAY))
          .as("installs as of the first run differ, so the comparison needs the restatements")
          .isNotEqualTo(searchTermsAsOfLastRun);
    }

    for (int day = 0; day < DAYS; day++) {
      runDaily(lake, FIRST_DAY.plusDays(day));
    }
    Map<String, List<Map<String, JsonNode>>> secondPass =
        TableRows.readTables(lake, workDirectory.resolve("second.jsonl"), TABLES);
    for (String table : TABLES) {
      assertThat(withoutLoadTime(secondPass.get(table), table))
          .as("rows of %s after running the same days again", table)
          .containsExactlyInAnyOrderElementsOf(withoutLoadTime(firstPass.get(table), table));
    }
  }

  /**
   * Every review the sandbox shows on the last day must be in {@code reviews} with its latest
   * title, whatever its creation date: the daily runs recompute review dates apart from the other
   * tables ({@code --reviews-dates}).
   */
  private static void assertReviewsContainGroundTruth(
      GroundTruth truth, List<Map<String, JsonNode>> rows) {
    Map<String, String> titles = new HashMap<>();
    for (Map<String, JsonNode> row : rows) {
      titles.put(row.get("review_id").asText(), row.get("title").asText(null));
    }
    Map<String, String> expected = new HashMap<>();
    Set<LocalDate> creationDates = new TreeSet<>();
    for (String appId : truth.appIds()) {
      for (Map<String, String> review : truth.reviews(appId)) {
        expected.put(review.get("id"), review.get("title"));
        creationDates.add(OffsetDateTime.parse(review.get("createdDate")).toLocalDate());
      }
    }
    assertThat(expected).as("reviews in the ground truth").isNotEmpty();
    assertThat(creationDates)
        .as("creation dates of the ground-truth reviews")
        .hasSizeGreaterThan(2);
    assertThat(titles).as("review ids and titles in the table").containsAllEntriesOf(expected);
  }

  private static void runDaily(Path lake, LocalDate date) {
    LauncherRun.Result result =
        LauncherRun.run(
            "daily",
            "--sandbox",
            "--apps",
            String.valueOf(APPS),
            "--lake",
            lake.toString(),
            "--date",
            date.toString(),
            "--spark-master",
            "local[2]");
    assertThat(result.exitCode())
        .as("daily --date %s exit code; stderr:%n%s", date, result.stderr())
        .isZero();
    assertThat(result.stdout()).as("daily --date %s output", date).contains("Extracted:");
  }

  /**
   * Compares the Standard and the Detailed rows of one report family with the ground truth, and
   * checks that each variant had at least {@code minRowsPerVariant} rows to compare.
   */
  static void assertAnalyticsEqualGroundTruth(
      GroundTruth truth,
      SandboxConfig config,
      List<Map<String, JsonNode>> tableRows,
      String report,
      int minRowsPerVariant) {
    Map<String, List<Map<String, JsonNode>>> byVariantAppAndDate =
        TableRows.groupBy(
            tableRows, "report_variant", "app_apple_id", "metric_date", "granularity");
    int comparedRows = 0;
    for (String variant : List.of("Standard", "Detailed")) {
      String reportName = report + " " + variant;
      int variantRows = 0;
      for (String appId : config.appIds()) {
        for (LocalDate date : truth.metricDates()) {
          List<Map<String, String>> expectedRows = truth.analyticsRows(appId, reportName, date);
          List<Map<String, JsonNode>> actualRows =
              byVariantAppAndDate.getOrDefault(
                  variant + "|" + appId + "|" + date + "|DAILY|", List.of());
          List<Map<String, String>> expected = new ArrayList<>();
          expectedRows.forEach(row -> expected.add(TableRows.normaliseAppleRow(row)));
          List<Map<String, String>> actual = new ArrayList<>();
          if (!expectedRows.isEmpty()) {
            actualRows.forEach(
                row -> actual.add(TableRows.asAppleRow(row, expectedRows.get(0).keySet())));
          }
          assertThat(actualRows)
              .as("%s rows for app %s on %s", reportName, appId, date)
              .hasSameSizeAs(expectedRows);
          assertThat(actual)
              .as("%s rows for app %s on %s", reportName, appId, date)
              .containsExactlyInAnyOrderElementsOf(expected);
          variantRows += expected.size();
        }
      }
      assertThat(variantRows).as("%s rows compared", reportName).isGreaterThan(minRowsPerVariant);
      comparedRows += variantRows;
    }
    List<Map<String, JsonNode>> dailyRows =
        tableRows.stream().filter(row -> row.get("granularity").asText().equals("DAILY")).toList();
    assertThat(dailyRows).as("%s DAILY table rows", report).hasSize(comparedRows);
  }

  /** Compares the sales rows from two weeks before {@code firstDay} to {@code lastDay}. */
  static void assertSalesEqualGroundTruth(
      GroundTruth truth,
      List<Map<String, JsonNode>> tableRows,
      LocalDate firstDay,
      LocalDate lastDay) {
    Map<String, List<Map<String, JsonNode>>> byDate = TableRows.groupBy(tableRows, "metric_date");
    int comparedRows = 0;
    // The extractor also fetches the daily sales reports of the week before each run's date.
    for (LocalDate date = firstDay.minusDays(14); !date.isAfter(lastDay); date = date.plusDays(1)) {
      List<Map<String, String>> expectedRows = truth.salesRows(date);
      List<Map<String, JsonNode>> actualRows = byDate.getOrDefault(date + "|", List.of());
      List<Map<String, String>> expected = new ArrayList<>();
      expectedRows.forEach(row -> expected.add(TableRows.normaliseAppleRow(row)));
      List<Map<String, String>> actual = new ArrayList<>();
      if (!expectedRows.isEmpty()) {
        actualRows.forEach(
            row -> actual.add(TableRows.asAppleRow(row, expectedRows.get(0).keySet())));
      }
      assertThat(actualRows).as("sales rows on %s", date).hasSameSizeAs(expectedRows);
      assertThat(actual).as("sales rows on %s", date).containsExactlyInAnyOrderElementsOf(expected);
      comparedRows += expected.size();
    }
    assertThat(tableRows).as("sales table rows").hasSize(comparedRows);
  }

  static List<Map<String, String>> withoutLoadTime(List<Map<String, JsonNode>> rows, String table) {
    List<Map<String, String>> result = new ArrayList<>();
    for (Map<String, JsonNode> row : rows) {
      Map<String, String> copy = new HashMap<>();
      row.forEach((column, value) -> copy.put(column, value == null ? null : value.toString()));
      copy.remove("loaded_at");
      if (table.equals("search_terms") || table.equals("reviews")) {
        LANDING_COLUMNS.forEach(copy::remove);
      }
      result.add(copy);
    }
    return result;
  }
}
