package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportFileFormatTest {

  private static final String DOWNLOADS_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version"
          + "\tSource Type\tPage Type\tPre-Order\tTerritory\tCounts";
  private static final String ENGAGEMENT_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tEvent\tPage Type\tSource Type\tEngagement Type"
          + "\tDevice\tPlatform Version\tTerritory\tCounts\tUnique Counts";

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
  void downloadsFileHasApplesStandardHeaderAndValues() {
    List<String> texts = segmentTexts("App Downloads Standard");

    Set<String> territories = new HashSet<>();
    for (String text : texts) {
      assertThat(text.substring(0, text.indexOf('\n'))).isEqualTo(DOWNLOADS_HEADER);
      assertThat(text).doesNotContain("\r").endsWith("\n");
      for (Map<String, String> row : SandboxFixture.parseTsv(text)) {
        assertThat(row.get("App Name")).isEqualTo("Puzzle Harbor");
        assertThat(row.get("App Apple Identifier")).isEqualTo("1000000001");
        assertThat(row.get("Download Type"))
            .isIn("First-time Download", "Redownload", "Manual update", "Auto-update", "Restore");
        assertThat(row.get("Source Type"))
            .isIn(
                "App Store search",
                "App Store browse",
                "App referrer",
                "Web referrer",
                "App Clip",
                "Unavailable",
                "Institutional purchase");
        assertThat(row.get("Page Type"))
            .isIn("Product page", "In-App event", "Store sheet", "No Page");
        assertThat(row.get("Device")).isIn("iPhone", "iPad");
        assertThat(row.get("Platform Version")).matches("iOS [0-9]+\\.[0-9]+");
        assertThat(row.get("App Version")).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(row.get("Pre-Order")).isEmpty();
        assertThat(row.get("Counts")).matches("[1-9][0-9]*");
        territories.add(row.get("Territory"));
      }
    }
    assertThat(territories).contains("United States", "Japan", "Germany");
  }

  @Test
  void engagementFileHasApplesStandardHeaderAndValues() {
    List<String> texts = segmentTexts("App Store Discovery and Engagement Standard");

    Set<String> events = new HashSet<>();
    for (String text : texts) {
      assertThat(text.substring(0, text.indexOf('\n'))).isEqualTo(ENGAGEMENT_HEADER);
      for (Map<String, String> row : SandboxFixture.parseTsv(text)) {
        String event = row.get("Event");
        events.add(event);
        if (event.equals("Tap")) {
          assertThat(row.get("Engagement Type"))
              .isIn(
                  "Get",
                  "Update",
                  "Redownload",
                  "Open",
                  "IAE reminder",
                  "IAE reminder deactivated",
                  "Notification tap",
                  "Share");
        } else {
          assertThat(row.get("Engagement Type")).as(event).isEmpty();
        }
        long counts = Long.parseLong(row.get("Counts"));
        long uniqueCounts = Long.parseLong(row.get("Unique Counts"));
        assertThat(uniqueCounts).isBetween(1L, counts);
      }
    }
    assertThat(events).containsExactlyInAnyOrder("Impression", "Page view", "Tap");
  }

  @Test
  void eachDimensionCombinationAppearsOncePerDate() {
    for (String report :
        List.of("App Downloads Standard", "App Store Discovery and Engagement Standard")) {
      JsonNode instance = SegmentDownloadTest.latestInstance(sandbox, report);
      List<Map<String, String>> rows = sandbox.instanceRows(instance.path("id").asText());

      Set<String> keys = new HashSet<>();
      for (Map<String, String> row : rows) {
        Map<String, String> dimensions = new java.util.LinkedHashMap<>(row);
        dimensions.remove("Counts");
        dimensions.remove("Unique Counts");
        assertThat(keys.add(dimensions.toString())).as("duplicate in %s: %s", report, row).isTrue();
      }
      assertThat(rows.stream().map(r -> r.get("Date")).distinct())
          .containsExactly("2025-01-17", "2025-01-18", "2025-01-19");
    }
  }

  private static List<String> segmentTexts(String report) {
    JsonNode instance = SegmentDownloadTest.latestInstance(sandbox, report);
    JsonNode segments =
        sandbox.getJson(
            "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments");
    List<String> texts = new java.util.ArrayList<>();
    for (JsonNode segment : segments.path("data")) {
      texts.add(
          SandboxFixture.gunzip(
              sandbox.download(segment.path("attributes").path("url").asText()).body()));
    }
    return texts;
  }
}
