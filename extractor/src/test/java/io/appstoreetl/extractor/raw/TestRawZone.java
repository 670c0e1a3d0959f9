package io.appstoreetl.extractor.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.extractor.testing.TestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRawZone {
  @TempDir Path root;

  @Test
  void keyValuesAreCheckedNotEscaped() {
    assertThatThrownBy(
            () ->
                RawKeys.analyticsUnit("app_downloads_standard", "DAILY", "2025-01-10", "12a", "i"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid app id: 12a (expected 1 to 20 digits)");
    assertThatThrownBy(() -> RawKeys.analyticsUnit("app_crashes", "DAILY", "2025-01-10", "1", "i"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessageStartingWith(
            "Invalid report slug: app_crashes (expected one of app_downloads_standard, ");
    assertThatThrownBy(
            () -> RawKeys.analyticsUnit("app_downloads_standard", "HOURLY", "2025-01-10", "1", "i"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid granularity: HOURLY (expected DAILY, WEEKLY, MONTHLY)");
    assertThatThrownBy(
            () -> RawKeys.analyticsUnit("app_downloads_standard", "DAILY", "2025-02-30", "1", "i"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid processing date: 2025-02-30 (expected an ISO date YYYY-MM-DD)");
    assertThatThrownBy(
            () ->
                RawKeys.analyticsUnit(
                    "app_downloads_standard", "DAILY", "2025-01-10", "1", "a/../b"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid instance id: a/../b (expected 1 to 128 of A-Z, a-z, 0-9, -)");
    assertThatThrownBy(() -> RawKeys.segmentFile("seg 1", "20250110T061502123Z-1a2b3c4d"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid segment id: seg 1 (expected 1 to 128 of A-Z, a-z, 0-9, -)");
  }

  @Test
  void keysFollowTheLayout() {
    assertThat(
            RawKeys.analyticsUnit(
                "app_downloads_standard",
                "DAILY",
                "2025-01-10",
                "1000000001",
                "5c43f2fa-aae7-4290-8664-d6551784c508"))
        .isEqualTo(
            "source=analytics/report=app_downloads_standard/granularity=DAILY/processing_date=2025-01-10"
                + "/app_id=1000000001/instance_id=5c43f2fa-aae7-4290-8664-d6551784c508/");
    assertThat(RawKeys.segmentFile("503110d4-0fa2", "20250110T061502123Z-1a2b3c4d"))
        .isEqualTo("segment=503110d4-0fa2.attempt=20250110T061502123Z-1a2b3c4d.gz");
    assertThat(
            RawKeys.salesUnit(
                "sales_summary", "DAILY", "2025-01-09", "80000001", "20250110T061502123Z-1a2b3c4d"))
        .isEqualTo(
            "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-09/vendor=80000001"
                + "/landing=20250110T061502123Z-1a2b3c4d/");
    assertThat(RawKeys.salesReportFile("20250110T061502123Z-1a2b3c4d"))
        .isEqualTo("report.attempt=20250110T061502123Z-1a2b3c4d.gz");
    assertThat(RawKeys.ongoingRegistry("1000000001"))
        .isEqualTo("analytics_requests/registry/app_id=1000000001/ongoing.json");
    assertThat(RawKeys.runSummary("2025-01-09", "20250110T061455001Z-9f8e7d6c"))
        .isEqualTo("runs/extractor/run_date=2025-01-09/20250110T061455001Z-9f8e7d6c.json");
  }

  @Test
  void keysThatLeaveTheRootAreRejected() {
    RawZone zone = new RawZone(root, TestSupport.MAPPER);

    for (String key : List.of("../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", "./a")) {
      assertThatThrownBy(() -> zone.resolve(key))
          .as(key)
          .isInstanceOf(InvalidKeyValueException.class)
          .hasMessageStartingWith("Invalid raw-zone key: " + key);
    }
  }

  @Test
  void writeAtomicallyLeavesNoTemporaryFile() throws IOException {
    RawZone zone = new RawZone(root, TestSupport.MAPPER);

    zone.writeAtomically("a/b/doc.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    zone.writeAtomically("a/b/doc.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(root.resolve("a/b/doc.json"))).isEqualTo("{\"v\":2}");
    try (Stream<Path> files = Files.list(root.resolve("a/b"))) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("doc.json");
    }
  }

  @Test
  void createNewNeverOverwrites() throws IOException {
    RawZone zone = new RawZone(root, TestSupport.MAPPER);
    zone.createNew("u/segment=a.attempt=1.gz").close();

    assertThatThrownBy(() -> zone.createNew("u/segment=a.attempt=1.gz"))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
  }

  @Test
  void scannerSniffsSemicolonsAndCountsRows() throws IOException {
    byte[] text = "Counts;Date\n1;2025-01-02\n\n2;2025-01-01\n".getBytes(StandardCharsets.UTF_8);

    MetricDateScanner.Result result =
        MetricDateScanner.scan(
            new ByteArrayInputStream(text),
            "s.csv",
            "date",
            MetricDateScanner.DateForm.ISO,
            null,
            true);

    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(result.metricDates())
        .containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"));
  }

  @Test
  void scannerReadsEveryGzipMember() throws IOException {
    byte[] members =
        TestSupport.gzipMembers("Date\tCounts\n2025-01-01\t1\n", "2025-01-02\t2\n2025-01-03\t3\n");

    MetricDateScanner.Result result =
        MetricDateScanner.scan(
            new ByteArrayInputStream(members),
            "seg.gz",
            "Date",
            MetricDateScanner.DateForm.ISO,
            null,
            true);

    assertThat(result.rowCount()).isEqualTo(3);
    assertThat(result.metricDates()).hasSize(3);
  }

  @Test
  void scannerRejectsRowWithoutDate() {
    byte[] text = "Date\tCounts\n2025-01-01\t1\n\t2\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                MetricDateScanner.scan(
                    new ByteArrayInputStream(text),
                    "seg.gz",
                    "Date",
                    MetricDateScanner.DateForm.ISO,
                    null,
                    true))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("Invalid \"Date\" value in seg.gz line 3: \"\" (expected YYYY-MM-DD)");
  }
}
