package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ONE_TIME_SNAPSHOT requests: history past the 35-day retention, and one a month. */
class SnapshotRequestsTest {

  private static final String APP = "1000000002";
  private static final String DOWNLOADS = "App Downloads Standard";

  /** Today 2025-01-20 with 60 days of history, from 2024-11-21. */
  private static SandboxConfig.Builder longHistory() {
    return SandboxFixture.defaults().historyStart(SandboxFixture.TODAY.minusDays(60));
  }

  @Test
  void snapshotListsDaysOlderThanRetention() {
    try (SandboxFixture sandbox = SandboxFixture.start(longHistory())) {
      LocalDate oldDate = SandboxFixture.TODAY.minusDays(50);
      GroundTruth truth = sandbox.server.groundTruth();
      assertThat(truth.analyticsRows(APP, DOWNLOADS, oldDate)).isEmpty();

      String snapshotId = sandbox.createRequest("ONE_TIME_SNAPSHOT", APP);
      List<JsonNode> snapshot = sandbox.instances(sandbox.reportId(snapshotId, APP, DOWNLOADS));
      List<JsonNode> ongoing = sandbox.instances(sandbox.reportId(APP, DOWNLOADS));

      assertThat(ongoing).hasSize(35);
      assertThat(snapshot).hasSize(60);
      assertThat(processingDate(snapshot.get(0))).isEqualTo(SandboxFixture.TODAY.minusDays(59));
      assertThat(processingDate(snapshot.get(59))).isEqualTo(SandboxFixture.TODAY);
      // The instance of 2024-12-04 (the 13th) contains 2024-12-01 for the last time.
      JsonNode holdingOldDate = snapshot.get(12);
      assertThat(processingDate(holdingOldDate)).isEqualTo(oldDate.plusDays(3));
      List<Map<String, String>> rows = sandbox.instanceRows(holdingOldDate.path("id").asText());
      assertThat(rows.stream().filter(r -> r.get("Date").equals(oldDate.toString())).toList())
          .isNotEmpty()
          .isEqualTo(truth.analyticsRows(APP, DOWNLOADS, oldDate));
    }
  }

  @Test
  void snapshotHasWeeklyAndMonthlyInstances() {
    try (SandboxFixture sandbox = SandboxFixture.start(longHistory())) {
      String snapshotId = sandbox.createRequest("ONE_TIME_SNAPSHOT", APP);
      String reportId =
          sandbox.reportId(snapshotId, APP, "App Store Discovery and Engagement Standard");

      List<JsonNode> weekly = sandbox.instances(reportId, "WEEKLY");
      List<JsonNode> monthly = sandbox.instances(reportId, "MONTHLY");

      // Full weeks from Monday 2024-11-25, published on the Fridays 2024-12-06 to 2025-01-17.
      assertThat(weekly).hasSize(7);
      assertThat(processingDate(weekly.get(0))).isEqualTo(LocalDate.of(2024, 12, 6));
      assertThat(monthly).hasSize(1);
      assertThat(processingDate(monthly.get(0))).isEqualTo(LocalDate.of(2025, 1, 5));
      assertThat(
              sandbox
                  .server
                  .groundTruth()
                  .analyticsRows(
                      APP,
                      "App Store Discovery and Engagement Standard",
                      "WEEKLY",
                      LocalDate.of(2024, 11, 25)))
          .isEqualTo(sandbox.instanceRows(weekly.get(0).path("id").asText()));
    }
  }

  @Test
  void snapshotFilesEqualOngoingFiles() {
    try (SandboxFixture sandbox = SandboxFixture.start(longHistory())) {
      String snapshotId = sandbox.createRequest("ONE_TIME_SNAPSHOT", APP);
      List<JsonNode> snapshot = sandbox.instances(sandbox.reportId(snapshotId, APP, DOWNLOADS));
      List<JsonNode> ongoing = sandbox.instances(sandbox.reportId(APP, DOWNLOADS));

      JsonNode snapshotSegment = firstSegment(sandbox, snapshot.get(snapshot.size() - 1));
      JsonNode ongoingSegment = firstSegment(sandbox, ongoing.get(ongoing.size() - 1));

      assertThat(snapshotSegment.path("attributes").path("url").asText())
          .contains("/DAILY/ONE_TIME_SNAPSHOT/20250120/");
      assertThat(snapshotSegment.path("attributes").path("checksum").asText())
          .isEqualTo(ongoingSegment.path("attributes").path("checksum").asText());
      assertThat(snapshotSegment.path("id").asText())
          .isNotEqualTo(ongoingSegment.path("id").asText());
    }
  }

  @Test
  void secondSnapshotInTheSameMonthIsRejected() {
    try (SandboxFixture sandbox = SandboxFixture.start(longHistory())) {
      String first = sandbox.createRequest("ONE_TIME_SNAPSHOT", APP);
      HttpResponse<byte[]> whileExisting =
          sandbox.post(
              "/v1/analyticsReportRequests", SandboxFixture.createBody("ONE_TIME_SNAPSHOT", APP));
      assertThat(sandbox.delete("/v1/analyticsReportRequests/" + first).statusCode())
          .isEqualTo(204);

      HttpResponse<byte[]> sameMonth =
          sandbox.post(
              "/v1/analyticsReportRequests", SandboxFixture.createBody("ONE_TIME_SNAPSHOT", APP));
      sandbox.server.setToday(LocalDate.of(2025, 2, 1));
      HttpResponse<byte[]> nextMonth =
          sandbox.post(
              "/v1/analyticsReportRequests", SandboxFixture.createBody("ONE_TIME_SNAPSHOT", APP));

      assertThat(whileExisting.statusCode()).isEqualTo(409);
      assertThat(SandboxFixture.json(whileExisting).path("errors").get(0).path("detail").asText())
          .isEqualTo("You already have such an entity");
      assertThat(sameMonth.statusCode()).isEqualTo(409);
      JsonNode error = SandboxFixture.json(sameMonth).path("errors").get(0);
      assertThat(error.path("code").asText()).isEqualTo("STATE_ERROR");
      assertThat(error.path("detail").asText())
          .isEqualTo(
              "You can create only one ONE_TIME_SNAPSHOT request per app per calendar month."
                  + " This app's request of this month was created on 2025-01-20; you can create"
                  + " another on or after 2025-02-01.");
      assertThat(nextMonth.statusCode()).isEqualTo(201);
      assertThat(
              sandbox
                  .post(
                      "/v1/analyticsReportRequests",
                      SandboxFixture.createBody("ONE_TIME_SNAPSHOT", "1000000003"))
                  .statusCode())
          .as("the limit is per app")
          .isEqualTo(201);
    }
  }

  @Test
  void snapshotExpires35DaysAfterItsDay() {
    try (SandboxFixture sandbox = SandboxFixture.start(longHistory())) {
      String snapshotId = sandbox.createRequest("ONE_TIME_SNAPSHOT", APP);
      String reportId = sandbox.reportId(snapshotId, APP, DOWNLOADS);
      LocalDate oldDate = SandboxFixture.TODAY.minusDays(50);

      sandbox.server.setToday(SandboxFixture.TODAY.plusDays(34));
      int lastDay = sandbox.instances(reportId).size();
      boolean oldDateOnLastDay =
          !sandbox.server.groundTruth().analyticsRows(APP, DOWNLOADS, oldDate).isEmpty();
      sandbox.server.setToday(SandboxFixture.TODAY.plusDays(35));

      assertThat(lastDay).isEqualTo(60);
      assertThat(oldDateOnLastDay).isTrue();
      assertThat(sandbox.instances(reportId)).isEmpty();
      assertThat(sandbox.server.groundTruth().analyticsRows(APP, DOWNLOADS, oldDate)).isEmpty();
    }
  }

  private static LocalDate processingDate(JsonNode instance) {
    return LocalDate.parse(instance.path("attributes").path("processingDate").asText());
  }

  private static JsonNode firstSegment(SandboxFixture sandbox, JsonNode instance) {
    return sandbox
        .getJson("/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments")
        .path("data")
        .get(0);
  }
}
