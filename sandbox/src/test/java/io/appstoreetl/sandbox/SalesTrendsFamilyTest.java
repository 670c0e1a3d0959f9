package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subscription reports, weekly and monthly SALES, versions, publication and retention of Sales and
 * Trends reports.
 */
class SalesTrendsFamilyTest {

  private static SandboxFixture sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults().historyStart(SandboxFixture.TODAY.minusDays(60)));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  static String path(
      String frequency, String type, String subType, String reportDate, String version) {
    return "/v1/salesReports?filter[frequency]="
        + frequency
        + "&filter[reportType]="
        + type
        + "&filter[reportSubType]="
        + subType
        + "&filter[vendorNumber]=80000001"
        + (reportDate == null ? "" : "&filter[reportDate]=" + reportDate)
        + (version == null ? "" : "&filter[version]=" + version);
  }

  private static JsonNode error(HttpResponse<byte[]> response) {
    return SandboxFixture.json(response).path("errors").get(0);
  }

  @ParameterizedTest
  @CsvSource({
    "SUBSCRIPTION, SUMMARY, App Name|App Apple ID|Subscription Name, 35",
    "SUBSCRIPTION_EVENT, SUMMARY, Event Date|Event|App Name, 29",
    "SUBSCRIBER, DETAILED, Event Date|App Name|App Apple ID, 26"
  })
  void subscriptionReportsEqualGroundTruth(
      String type, String subType, String firstColumns, int columns) {
    LocalDate day = SandboxFixture.TODAY.minusDays(2);

    HttpResponse<byte[]> response =
        sandbox.get(path("DAILY", type, subType, day.toString(), "1_4"));

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/a-gzip");
    String text = SandboxFixture.gunzip(response.body());
    String header = text.substring(0, text.indexOf('\n'));
    assertThat(header).startsWith(firstColumns.replace('|', '\t'));
    assertThat(header.split("\t")).hasSize(columns);
    List<Map<String, String>> rows = SandboxFixture.parseTsv(text);
    assertThat(rows)
        .isNotEmpty()
        .isEqualTo(sandbox.server.groundTruth().salesRows(type, "DAILY", day));
    assertThat(rows.stream().map(r -> r.get("App Apple ID")).distinct())
        .containsExactlyInAnyOrder("1000000001", "1000000002", "1000000003");
  }

  @Test
  void subscriptionReportNeedsTheLatestVersion() {
    String day = SandboxFixture.TODAY.minusDays(2).toString();

    HttpResponse<byte[]> missing = sandbox.get(path("DAILY", "SUBSCRIBER", "DETAILED", day, null));
    HttpResponse<byte[]> older = sandbox.get(path("DAILY", "SUBSCRIBER", "DETAILED", day, "1_3"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(error(missing).path("detail").asText())
        .isEqualTo(
            "Please include the version parameter. The latest version for this report is 1_4.");
    assertThat(older.statusCode()).isEqualTo(400);
    assertThat(error(older).path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(error(older).path("detail").asText())
        .isEqualTo(
            "The version parameter you have specified is invalid. The latest version for this"
                + " report is 1_4.");
    assertThat(error(older).path("source").path("parameter").asText()).isEqualTo("filter[version]");
  }

  @Test
  void latestVersionIsConfigurable() {
    try (SandboxFixture configured =
        SandboxFixture.start(
            SandboxFixture.defaults()
                .salesReportVersion("SALES", "1_1")
                .salesReportVersion("SUBSCRIPTION", "1_5"))) {
      String day = SandboxFixture.TODAY.minusDays(2).toString();

      HttpResponse<byte[]> sales = configured.get(path("DAILY", "SALES", "SUMMARY", day, "1_0"));
      HttpResponse<byte[]> subscription =
          configured.get(path("DAILY", "SUBSCRIPTION", "SUMMARY", day, "1_5"));

      assertThat(sales.statusCode()).isEqualTo(400);
      assertThat(error(sales).path("detail").asText())
          .endsWith("The latest version for this report is 1_1.");
      assertThat(subscription.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void weeklySalesSumTheWeek() {
    LocalDate sunday = LocalDate.of(2025, 1, 12);

    HttpResponse<byte[]> response =
        sandbox.get(path("WEEKLY", "SALES", "SUMMARY", sunday.toString(), "1_0"));

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
    List<Map<String, String>> rows =
        SandboxFixture.parseTsv(SandboxFixture.gunzip(response.body()));
    assertThat(rows).isEqualTo(sandbox.server.groundTruth().salesRows("SALES", "WEEKLY", sunday));
    assertThat(rows).allMatch(r -> r.get("Begin Date").equals("01/06/2025"));
    assertThat(rows).allMatch(r -> r.get("End Date").equals("01/12/2025"));
    long dailyUnits = 0;
    for (LocalDate day = sunday.minusDays(6); !day.isAfter(sunday); day = day.plusDays(1)) {
      dailyUnits += units(sandbox.server.groundTruth().salesRows(day));
    }
    assertThat(units(rows)).isEqualTo(dailyUnits);
    assertThat(rows.size()).isLessThan(sandbox.server.groundTruth().salesRows(sunday).size() * 7);
  }

  @Test
  void monthlySalesTakeAMonth() {
    HttpResponse<byte[]> december =
        sandbox.get(path("MONTHLY", "SALES", "SUMMARY", "2024-12", "1_0"));
    HttpResponse<byte[]> withDay =
        sandbox.get(path("MONTHLY", "SALES", "SUMMARY", "2024-12-01", "1_0"));

    assertThat(december.statusCode()).isEqualTo(200);
    List<Map<String, String>> rows =
        SandboxFixture.parseTsv(SandboxFixture.gunzip(december.body()));
    assertThat(rows)
        .isEqualTo(
            sandbox.server.groundTruth().salesRows("SALES", "MONTHLY", LocalDate.of(2024, 12, 1)));
    assertThat(rows).allMatch(r -> r.get("Begin Date").equals("12/01/2024"));
    assertThat(rows).allMatch(r -> r.get("End Date").equals("12/31/2024"));
    assertThat(withDay.statusCode()).isEqualTo(400);
    assertThat(error(withDay).path("detail").asText())
        .isEqualTo(
            "'2024-12-01' is not a valid value for the parameter 'filter[reportDate]'. A MONTHLY"
                + " report takes a month in the format YYYY-MM");
  }

  @Test
  void unpublishedPeriodsAreNotAvailableYet() {
    HttpResponse<byte[]> january =
        sandbox.get(path("MONTHLY", "SALES", "SUMMARY", "2025-01", "1_0"));
    HttpResponse<byte[]> thisWeek =
        sandbox.get(path("WEEKLY", "SALES", "SUMMARY", "2025-01-26", "1_0"));
    HttpResponse<byte[]> lastWeek =
        sandbox.get(path("WEEKLY", "SALES", "SUMMARY", "2025-01-19", "1_0"));

    assertThat(january.statusCode()).isEqualTo(404);
    assertThat(error(january).path("detail").asText())
        .isEqualTo("Report is not available yet. Try again after 2025-02-05.");
    assertThat(thisWeek.statusCode()).isEqualTo(404);
    assertThat(error(thisWeek).path("detail").asText()).startsWith("Report is not available yet.");
    assertThat(lastWeek.statusCode()).as("published on Monday 2025-01-20").isEqualTo(200);
  }

  @Test
  void reportsOlderThanAYearAreGone() {
    HttpResponse<byte[]> response =
        sandbox.get(path("DAILY", "SALES", "SUMMARY", "2024-01-10", "1_0"));
    HttpResponse<byte[]> withinYear =
        sandbox.get(path("DAILY", "SALES", "SUMMARY", "2024-02-10", "1_0"));

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(SandboxFixture.text(response))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"410\",\"code\":\"GONE\","
                + "\"title\":\"The requested resource is no longer available\","
                + "\"detail\":\"Report is no longer available. Daily, weekly and monthly reports"
                + " are kept for 365 days.\"}]}");
    assertThat(withinYear.statusCode()).as("before the history start: no sales").isEqualTo(404);
    assertThat(error(withinYear).path("detail").asText())
        .isEqualTo("There were no sales for the date specified.");
  }

  @Test
  void subscriptionReportWithoutDateHasNoSales() {
    HttpResponse<byte[]> response =
        sandbox.get(path("DAILY", "SUBSCRIPTION", "SUMMARY", null, "1_4"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response).path("detail").asText())
        .isEqualTo("There were no sales for the date specified.");
  }

  @Test
  void weekMustEndOnSunday() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                sandbox
                    .server
                    .groundTruth()
                    .salesRows("SALES", "WEEKLY", LocalDate.of(2025, 1, 13)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid sales report: SALES WEEKLY 2025-01-13");
  }

  private static long units(List<Map<String, String>> rows) {
    return rows.stream().mapToLong(r -> Long.parseLong(r.get("Units"))).sum();
  }
}
