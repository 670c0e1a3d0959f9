package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every analytics report the extractor takes: headers, values, granularities and volumes. */
class AnalyticsReportsTest {

  private static final String APP = "1000000001";

  /** Apple's column order for each report, Detailed-only columns included where they exist. */
  private static final Map<String, String> HEADERS =
      Map.ofEntries(
          Map.entry(
              "App Downloads Standard",
              "Date|App Name|App Apple Identifier|Download Type|App Version|Device"
                  + "|Platform Version|Source Type|Page Type|Pre-Order|Territory|Counts"),
          Map.entry(
              "App Downloads Detailed",
              "Date|App Name|App Apple Identifier|Download Type|App Version|Device"
                  + "|Platform Version|Source Type|Source Info|Campaign|Page Type|Page Title"
                  + "|Pre-Order|Territory|Counts"),
          Map.entry(
              "App Store Discovery and Engagement Standard",
              "Date|App Name|App Apple Identifier|Event|Page Type|Source Type|Engagement Type"
                  + "|Device|Platform Version|Territory|Counts|Unique Counts"),
          Map.entry(
              "App Store Discovery and Engagement Detailed",
              "Date|App Name|App Apple Identifier|Event|Page Type|Page Title|Source Type"
                  + "|Source Info|Campaign|Engagement Type|Device|Platform Version|Territory"
                  + "|Counts|Unique Counts"),
          Map.entry(
              "App Sessions Standard",
              "Date|App Name|App Apple Identifier|App Version|Device|Platform Version"
                  + "|Source Type|Page Type|App Download Date|Territory|Sessions"
                  + "|Total Session Duration|Unique Devices"),
          Map.entry(
              "App Sessions Detailed",
              "Date|App Name|App Apple Identifier|App Version|Device|Platform Version"
                  + "|Source Type|Source Info|Campaign|Page Type|Page Title|App Download Date"
                  + "|Territory|Sessions|Total Session Duration|Unique Devices"),
          Map.entry(
              "App Store Installation and Deletion Standard",
              "Date|App Name|App Apple Identifier|Event|Download Type|App Version|Device"
                  + "|Platform Version|Source Type|Page Type|App Download Date|Territory|Counts"
                  + "|Unique Devices"),
          Map.entry(
              "App Store Installation and Deletion Detailed",
              "Date|App Name|App Apple Identifier|Event|Download Type|App Version|Device"
                  + "|Platform Version|Source Type|Source Info|Campaign|Page Type|Page Title"
                  + "|App Download Date|Territory|Counts|Unique Devices"),
          Map.entry(
              "App Store Purchases Standard",
              "Date|App Name|App Apple Identifier|Purchase Type|Content Name"
                  + "|Content Apple Identifier|Payment Method|Device|Platform Version|Source Type"
                  + "|Page Type|App Download Date|Pre-Order|Territory|Purchases|Proceeds in USD"
                  + "|Sales in USD|Paying Users"),
          Map.entry(
              "App Store Purchases Detailed",
              "Date|App Name|App Apple Identifier|Purchase Type|Content Name"
                  + "|Content Apple Identifier|Payment Method|Device|Platform Version|Source Type"
                  + "|Source Info|Campaign|Page Type|Page Title|App Download Date|Pre-Order"
                  + "|Territory|Purchases|Proceeds in USD|Sales in USD|Paying Users"),
          Map.entry(
              "App Crashes",
              "Date|App Name|App Apple Identifier|App Version|Device|Platform Version|Crashes"
                  + "|Unique Devices"));

  private static SandboxFixture sandbox;

  @BeforeAll
  static void startSandbox() {
    // History from 2024-12-01: DAILY instances for the last 35 days, WEEKLY instances for the
    // weeks from Monday 2024-12-02 and a MONTHLY instance for December.
    sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults()
                .historyStart(LocalDate.of(2024, 12, 1))
                .analyticsRowsPerDay("App Sessions Standard", 40));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void everyReportHasApplesHeader() {
    for (Map.Entry<String, String> report : HEADERS.entrySet()) {
      String text = firstSegmentOfLatestInstance(report.getKey());

      assertThat(text.substring(0, text.indexOf('\n')))
          .as(report.getKey())
          .isEqualTo(report.getValue().replace('|', '\t'));
    }
  }

  @Test
  void everyReportEqualsGroundTruthForEveryDate() {
    GroundTruth truth = sandbox.server.groundTruth();

    for (String report : HEADERS.keySet()) {
      Map<String, List<Map<String, String>>> latestByDate = new HashMap<>();
      List<JsonNode> instances = sandbox.instances(sandbox.reportId(APP, report));
      for (JsonNode instance : instances.subList(instances.size() - 5, instances.size())) {
        Map<String, List<Map<String, String>>> byDate = new HashMap<>();
        for (Map<String, String> row : sandbox.instanceRows(instance.path("id").asText())) {
          byDate.computeIfAbsent(row.get("Date"), d -> new ArrayList<>()).add(row);
        }
        latestByDate.putAll(byDate);
      }

      LocalDate yesterday = SandboxFixture.TODAY.minusDays(1);
      for (LocalDate date = yesterday.minusDays(4);
          !date.isAfter(yesterday);
          date = date.plusDays(1)) {
        assertThat(latestByDate.get(date.toString()))
            .as("%s on %s", report, date)
            .isNotEmpty()
            .isEqualTo(truth.analyticsRows(APP, report, date));
      }
    }
  }

  @Test
  void detailedRowsHaveAttributionColumns() {
    for (String report :
        List.of(
            "App Downloads Detailed",
            "App Store Discovery and Engagement Detailed",
            "App Sessions Detailed",
            "App Store Installation and Deletion Detailed",
            "App Store Purchases Detailed")) {
      List<Map<String, String>> rows =
          SandboxFixture.parseTsv(firstSegmentOfLatestInstance(report));

      assertThat(rows).as(report).anyMatch(r -> !r.get("Source Info").isEmpty());
      assertThat(rows).as(report).anyMatch(r -> !r.get("Campaign").isEmpty());
      assertThat(rows).as(report).anyMatch(r -> !r.get("Page Title").isEmpty());
      for (Map<String, String> row : rows) {
        if (!row.get("Source Info").isEmpty()) {
          assertThat(row.get("Source Type")).as(report).isIn("App referrer", "Web referrer");
        }
      }
    }
  }

  @Test
  void metricsKeepTheirInvariants() {
    for (Map<String, String> row : rowsOf("App Sessions Standard")) {
      long sessions = Long.parseLong(row.get("Sessions"));
      assertThat(Long.parseLong(row.get("Unique Devices"))).isBetween(1L, sessions);
      assertThat(Long.parseLong(row.get("Total Session Duration")))
          .isGreaterThanOrEqualTo(sessions);
      if (!row.get("App Download Date").isEmpty()) {
        assertThat(LocalDate.parse(row.get("App Download Date")))
            .isBeforeOrEqualTo(LocalDate.parse(row.get("Date")));
      }
    }
    for (Map<String, String> row : rowsOf("App Store Installation and Deletion Standard")) {
      assertThat(row.get("Event")).isIn("Install", "Delete");
      assertThat(Long.parseLong(row.get("Unique Devices")))
          .isBetween(1L, Long.parseLong(row.get("Counts")));
    }
    for (Map<String, String> row : rowsOf("App Crashes")) {
      assertThat(Long.parseLong(row.get("Unique Devices")))
          .isBetween(1L, Long.parseLong(row.get("Crashes")));
    }
  }

  @Test
  void purchasesCarryMoneyAndRefunds() {
    List<Map<String, String>> rows = rowsOf("App Store Purchases Standard");

    assertThat(rows).anyMatch(r -> Long.parseLong(r.get("Purchases")) < 0);
    for (Map<String, String> row : rows) {
      long purchases = Long.parseLong(row.get("Purchases"));
      double sales = Double.parseDouble(row.get("Sales in USD"));
      double proceeds = Double.parseDouble(row.get("Proceeds in USD"));
      assertThat(row.get("Purchase Type")).isIn("App purchase", "In-app purchases");
      assertThat(Math.signum(sales)).isEqualTo(Math.signum(purchases));
      assertThat(Math.abs(proceeds)).isLessThan(Math.abs(sales));
      assertThat(row.get("Sales in USD")).matches("-?[0-9]+\\.[0-9]{2}");
    }
  }

  @Test
  void rowsPerDayAreConfigurable() {
    LocalDate date = SandboxFixture.TODAY.minusDays(10);

    List<Map<String, String>> sessions =
        sandbox.server.groundTruth().analyticsRows(APP, "App Sessions Standard", date);
    List<Map<String, String>> crashes =
        sandbox.server.groundTruth().analyticsRows(APP, "App Crashes", date);

    // A restatement drops and adds as many combinations, so every version keeps the count.
    assertThat(sessions).hasSize(40);
    assertThat(crashes).hasSize(20);
    assertThat(sandbox.server.config().analyticsRowsPerDay("App Crashes")).isEqualTo(20);
  }

  @ParameterizedTest
  @CsvSource({
    "App Downloads Detailed, WEEKLY",
    "App Downloads Detailed, MONTHLY",
    "App Store Discovery and Engagement Standard, WEEKLY",
    "App Sessions Detailed, MONTHLY",
    "App Crashes, WEEKLY"
  })
  void weeklyAndMonthlyInstancesCoverWholePeriods(String report, String granularity) {
    List<JsonNode> instances = sandbox.instances(sandbox.reportId(APP, report), granularity);

    assertThat(instances).isNotEmpty();
    for (JsonNode instance : instances) {
      LocalDate processingDate =
          LocalDate.parse(instance.path("attributes").path("processingDate").asText());
      LocalDate periodStart;
      if (granularity.equals("WEEKLY")) {
        assertThat(processingDate.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        periodStart = processingDate.minusDays(11);
      } else {
        assertThat(processingDate.getDayOfMonth()).isEqualTo(5);
        periodStart = processingDate.minusMonths(1).withDayOfMonth(1);
      }
      List<Map<String, String>> rows = sandbox.instanceRows(instance.path("id").asText());

      assertThat(instance.path("attributes").path("granularity").asText()).isEqualTo(granularity);
      assertThat(rows).isNotEmpty().allMatch(r -> r.get("Date").equals(periodStart.toString()));
      assertThat(rows)
          .isEqualTo(
              sandbox.server.groundTruth().analyticsRows(APP, report, granularity, periodStart));
    }
  }

  @Test
  void monthlyInstanceAppearsOnTheFifth() {
    List<JsonNode> monthly =
        sandbox.instances(sandbox.reportId(APP, "App Downloads Detailed"), "MONTHLY");

    assertThat(monthly).hasSize(1);
    assertThat(monthly.get(0).path("attributes").path("processingDate").asText())
        .isEqualTo("2025-01-05");
    assertThat(
            sandbox
                .server
                .groundTruth()
                .analyticsRows(APP, "App Downloads Detailed", "MONTHLY", LocalDate.of(2024, 12, 1)))
        .hasSize(100);
  }

  @Test
  void standardDownloadsAreDailyOnly() {
    String reportId = sandbox.reportId(APP, "App Downloads Standard");

    assertThat(sandbox.instances(reportId, "WEEKLY")).isEmpty();
    assertThat(sandbox.instances(reportId, "MONTHLY")).isEmpty();
    assertThat(
            sandbox
                .server
                .groundTruth()
                .analyticsRows(APP, "App Downloads Standard", "MONTHLY", LocalDate.of(2024, 12, 1)))
        .isEmpty();
  }

  @Test
  void weeklyRowsScaleUpDailyVolumes() {
    LocalDate monday = LocalDate.of(2025, 1, 6);
    long weekly =
        sum(
            sandbox
                .server
                .groundTruth()
                .analyticsRows(APP, "App Downloads Detailed", "WEEKLY", monday),
            "Counts");
    long daily =
        sum(
            sandbox.server.groundTruth().analyticsRows(APP, "App Downloads Detailed", monday),
            "Counts");

    assertThat(weekly).isGreaterThan(3 * daily);
  }

  private static long sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  private static List<Map<String, String>> rowsOf(String report) {
    return SandboxFixture.parseTsv(firstSegmentOfLatestInstance(report));
  }

  private static String firstSegmentOfLatestInstance(String report) {
    List<JsonNode> instances = sandbox.instances(sandbox.reportId(APP, report));
    String instanceId = instances.get(instances.size() - 1).path("id").asText();
    return sandbox.segmentTexts(instanceId).get(0);
  }
}
