package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  private static final List<String> REPORTS =
      List.of("App Downloads Standard", "App Store Discovery and Engagement Standard");

  private static SandboxFixture sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxFixture.start(SandboxFixture.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void metricDatesRunFromHistoryStartToYesterday() {
    List<LocalDate> dates = sandbox.server.groundTruth().metricDates();

    assertThat(dates).hasSize(10).isSorted();
    assertThat(dates.get(0)).isEqualTo(LocalDate.of(2025, 1, 10));
    assertThat(dates.get(9)).isEqualTo(LocalDate.of(2025, 1, 19));
  }

  @Test
  void analyticsRowsMatchLatestInstance() {
    GroundTruth truth = sandbox.server.groundTruth();
    int comparedDates = 0;

    for (String appId : sandbox.server.config().appIds()) {
      for (String report : REPORTS) {
        // Later instances overwrite earlier ones, so each date keeps its latest instance's rows.
        Map<String, List<Map<String, String>>> latestByDate = new HashMap<>();
        for (JsonNode instance : sandbox.instances(sandbox.reportId(appId, report))) {
          Map<String, List<Map<String, String>>> byDate = new HashMap<>();
          for (Map<String, String> row : sandbox.instanceRows(instance.path("id").asText())) {
            byDate.computeIfAbsent(row.get("Date"), d -> new ArrayList<>()).add(row);
          }
          latestByDate.putAll(byDate);
        }

        assertThat(latestByDate.keySet())
            .containsExactlyInAnyOrderElementsOf(
                truth.metricDates().stream().map(LocalDate::toString).toList());
        for (LocalDate date : truth.metricDates()) {
          assertThat(truth.analyticsRows(appId, report, date))
              .as("%s %s %s", appId, report, date)
              .isEqualTo(latestByDate.get(date.toString()));
          comparedDates++;
        }
      }
    }
    assertThat(comparedDates).isEqualTo(3 * 2 * 10);
  }

  @Test
  void datesWithoutInstanceHaveNoRows() {
    GroundTruth truth = sandbox.server.groundTruth();

    assertThat(
            truth.analyticsRows("1000000001", "App Downloads Standard", LocalDate.of(2025, 1, 9)))
        .isEmpty();
    assertThat(truth.analyticsRows("1000000001", "App Downloads Standard", SandboxFixture.TODAY))
        .isEmpty();
    assertThat(
            truth.analyticsRows(
                "1000000001", "Streaming Playback Performance", LocalDate.of(2025, 1, 15)))
        .isEmpty();
  }

  @Test
  void unknownAppOrReportIsRejected() {
    GroundTruth truth = sandbox.server.groundTruth();
    LocalDate date = LocalDate.of(2025, 1, 15);

    assertThatThrownBy(() -> truth.analyticsRows("42", "App Downloads Standard", date))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid appId: 42 (no such app)");
    assertThatThrownBy(() -> truth.analyticsRows("1000000001", "App Downloads", date))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid reportName: App Downloads (expected a name of Apple's analytics catalogue,"
                + " such as App Downloads Standard)");
  }

  @Test
  void salesRowsEqualTheParsedSalesFile() {
    GroundTruth truth = sandbox.server.groundTruth();
    int files = 0;

    for (LocalDate date : truth.metricDates()) {
      HttpResponse<byte[]> response =
          sandbox.get(
              "/v1/salesReports?filter[frequency]=DAILY&filter[reportType]=SALES"
                  + "&filter[reportSubType]=SUMMARY&filter[vendorNumber]=80000001"
                  + "&filter[reportDate]="
                  + date
                  + "&filter[version]=1_0");
      if (truth.isNoSalesDay(date)) {
        assertThat(response.statusCode()).as(date.toString()).isEqualTo(404);
        assertThat(truth.salesRows(date)).isEmpty();
      } else {
        assertThat(response.statusCode()).as(date.toString()).isEqualTo(200);
        assertThat(truth.salesRows(date))
            .isNotEmpty()
            .isEqualTo(SandboxFixture.parseTsv(SandboxFixture.gunzip(response.body())));
        files++;
      }
    }
    assertThat(files).isPositive();
  }

  @Test
  void clockMoveChangesTheGroundTruth() {
    try (SandboxFixture moving = SandboxFixture.start(SandboxFixture.defaults())) {
      GroundTruth truth = moving.server.groundTruth();
      LocalDate date = LocalDate.of(2025, 1, 19);
      List<Map<String, String>> before = truth.analyticsRows("1000000001", REPORTS.get(0), date);

      moving.server.setToday(SandboxFixture.TODAY.plusDays(1));

      assertThat(truth.metricDates()).endsWith(SandboxFixture.TODAY);
      assertThat(truth.analyticsRows("1000000001", REPORTS.get(0), date)).isNotEqualTo(before);
    }
  }
}
