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
    assertThatThrownBy(
            () -> RawKeys.analyticsUnit("app_clip_usage_standard", "DAILY", "2025-01-10", "1", "i"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessageStartingWith(
            "Invalid report slug: app_clip_usage_standard (expected one of app_downloads_standard, ");
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
  void slashesDotsAndControlCharactersAreRejected() {
    List<String> unsafe = List.of("a/b", "..", "../1", "a\nb", "a\tb", "a\u0000b", "a b", "a\\b");
    for (String value : unsafe) {
      assertThatThrownBy(() -> KeyValues.serverId("instance id", value))
          .as("server id %s", value)
          .isInstanceOf(InvalidKeyValueException.class);
      assertThatThrownBy(() -> KeyValues.appId(value))
          .as("app id %s", value)
          .isInstanceOf(InvalidKeyValueException.class);
      assertThatThrownBy(() -> KeyValues.regionCode(value))
          .as("region %s", value)
          .isInstanceOf(InvalidKeyValueException.class);
      assertThatThrownBy(() -> KeyValues.fiscalMonth(value))
          .as("fiscal month %s", value)
          .isInstanceOf(InvalidKeyValueException.class);
      assertThatThrownBy(() -> KeyValues.isoDate("fetched date", value))
          .as("date %s", value)
          .isInstanceOf(InvalidKeyValueException.class);
    }
    assertThatThrownBy(
            () -> RawKeys.reviewsUnit("1/../2", "2025-01-10", "20250110T061502123Z-1a2b3c4d"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid app id: 1/../2 (expected 1 to 20 digits)");
    assertThatThrownBy(
            () ->
                RawKeys.financeUnit(
                    "financial", "Z\n", "2025-01", "1", "20250110T061502123Z-1a2b3c4d"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage(
            "Invalid region code: Z\n (expected 2 upper-case letters or digits, such as ZZ)");
    assertThatThrownBy(
            () ->
                RawKeys.financeUnit(
                    "financial", "ZZ", "2025-13", "1", "20250110T061502123Z-1a2b3c4d"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage("Invalid fiscal month: 2025-13 (expected YYYY-MM)");
    assertThatThrownBy(
            () ->
                RawKeys.financeUnit(
                    "FINANCIAL", "ZZ", "2025-01", "1", "20250110T061502123Z-1a2b3c4d"))
        .isInstanceOf(InvalidKeyValueException.class)
        .hasMessage(
            "Invalid finance report slug: FINANCIAL (expected one of financial, finance_detail)");
  }

  /**
   * Every value that goes into a key, in every key builder, is rejected when it holds {@code /},
   * {@code ..} or a control character; report names from Apple map to a slug only when known. A key
   * built from valid values is a relative {@code /}-separated key without dot segments, so it stays
   * under the prefix also in the S3 form {@code s3://bucket/prefix/<key>}.
   */
  @Test
  void unsafeValuesNeverReachAnyKey() {
    String landing = "20250110T061502123Z-1a2b3c4d";
    List<String> unsafe =
        List.of(
            "a/b",
            "..",
            "../1",
            "1/../2",
            "a\nb",
            "a\rb",
            "a\tb",
            "a\u0000b",
            "a\u001bb",
            "a\u007fb",
            "a\u0085b",
            "/1",
            "1/");
    for (String bad : unsafe) {
      List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> builders =
          List.of(
              () -> RawKeys.analyticsUnit(bad, "DAILY", "2025-01-10", "1", "i"),
              () -> RawKeys.analyticsUnit("app_downloads_standard", bad, "2025-01-10", "1", "i"),
              () -> RawKeys.analyticsUnit("app_downloads_standard", "DAILY", bad, "1", "i"),
              () ->
                  RawKeys.analyticsUnit("app_downloads_standard", "DAILY", "2025-01-10", bad, "i"),
              () ->
                  RawKeys.analyticsUnit("app_downloads_standard", "DAILY", "2025-01-10", "1", bad),
              () -> RawKeys.segmentFile(bad, landing),
              () -> RawKeys.segmentFile("s", bad),
              () -> RawKeys.salesUnit(bad, "DAILY", "2025-01-10", "80000001", landing),
              () -> RawKeys.salesUnit("sales_summary", "DAILY", bad, "80000001", landing),
              () -> RawKeys.salesUnit("sales_summary", "DAILY", "2025-01-10", bad, landing),
              () -> RawKeys.salesUnit("sales_summary", "DAILY", "2025-01-10", "80000001", bad),
              () -> RawKeys.financeUnit(bad, "ZZ", "2025-01", "80000001", landing),
              () -> RawKeys.financeUnit("financial", "ZZ", "2025-01", bad, landing),
              () -> RawKeys.reviewsUnit(bad, "2025-01-10", landing),
              () -> RawKeys.reviewsUnit("1", bad, landing),
              () -> RawKeys.appsUnit(bad, landing),
              () -> RawKeys.indexEntry(bad, "source=apps/"),
              () -> RawKeys.ongoingRegistry(bad),
              () -> RawKeys.runSummary(bad, landing));
      for (int i = 0; i < builders.size(); i++) {
        assertThatThrownBy(builders.get(i))
            .as("key builder %d with %s", i, bad.replace("\n", "\\n"))
            .isInstanceOf(InvalidKeyValueException.class)
            .hasMessageStartingWith("Invalid ");
      }
      assertThat(io.appstoreetl.extractor.analytics.AnalyticsReportType.forApiName(bad))
          .as("report type for Apple report name %s", bad)
          .isEmpty();
      assertThat(
              io.appstoreetl.extractor.analytics.AnalyticsReportType.forApiName(
                  "App Downloads Standard" + bad))
          .as("report type for a known name with %s appended", bad)
          .isEmpty();
    }

    String key =
        RawKeys.analyticsUnit(
                "app_downloads_standard",
                "DAILY",
                "2025-01-10",
                "1000000001",
                "5c43f2fa-aae7-4290-8664-d6551784c508")
            + RawKeys.segmentFile("503110d4-0fa2", landing);
    java.net.URI s3 = java.net.URI.create("s3://bucket/prefix/raw/" + key);
    assertThat(s3.normalize()).as("S3 form of %s without dot segments", key).isEqualTo(s3);
    assertThat(s3.getPath()).startsWith("/prefix/raw/source=analytics/");
    assertThat(key).doesNotContain("//").doesNotStartWith("/");
    assertThat(List.of(key.split("/"))).doesNotContain("..", ".", "");
  }

  @Test
  void newSourceKeysFollowTheLayout() {
    String landing = "20250110T061502123Z-1a2b3c4d";
    assertThat(RawKeys.financeUnit("finance_detail", "Z1", "2025-01", "80000001", landing))
        .isEqualTo(
            "source=finance/report=finance_detail/region=Z1/fiscal_month=2025-01/vendor=80000001"
                + "/landing=20250110T061502123Z-1a2b3c4d/");
    assertThat(RawKeys.reviewsUnit("1000000001", "2025-01-10", landing))
        .isEqualTo(
            "source=reviews/app_id=1000000001/fetched_date=2025-01-10"
                + "/landing=20250110T061502123Z-1a2b3c4d/");
    assertThat(RawKeys.appsUnit("2025-01-10", landing))
        .isEqualTo("source=apps/fetched_date=2025-01-10/landing=20250110T061502123Z-1a2b3c4d/");
    assertThat(RawKeys.pageFile(1)).isEqualTo("page=0001.json");
    assertThat(RawKeys.reportsCache("1000000001"))
        .isEqualTo("analytics_requests/registry/app_id=1000000001/reports.json");
    assertThat(RawKeys.snapshotRegistry("1000000001"))
        .isEqualTo("analytics_requests/registry/app_id=1000000001/snapshot.json");
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
      assertThatThrownBy(() -> zone.location(key))
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

  @Test
  void overlongLineIsRejectedNotBuffered() {
    byte[] text =
        ("Date\tCounts\n2025-01-01\t" + "9".repeat(DelimitedTextReader.MAX_LINE_CHARS) + "\n")
            .getBytes(StandardCharsets.UTF_8);

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
        .hasMessage("Cannot read seg.gz: line 2 is longer than 1048576 characters");
  }

  @Test
  void lineEndsOfEveryKindAreRead() throws IOException {
    byte[] text =
        "Date\r\n2025-01-01\r2025-01-02\n2025-01-03\r\n2025-01-04".getBytes(StandardCharsets.UTF_8);

    MetricDateScanner.Result result =
        MetricDateScanner.scan(
            new ByteArrayInputStream(text),
            "s.txt",
            "Date",
            MetricDateScanner.DateForm.ISO,
            null,
            false);

    assertThat(result.rowCount()).isEqualTo(4);
    assertThat(result.metricDates()).hasSize(4);
  }

  @Test
  void footerLinesAreCountedApart() throws IOException {
    byte[] text =
        ("Start Date\tEnd Date\tQuantity\n"
                + "12/01/2024\t12/28/2024\t3\n"
                + "12/02/2024\t12/28/2024\t4\n"
                + "\n"
                + "Total_Rows\t2\n"
                + "Country Of Sale\tUS\n"
                + "12/03/2024\tlooks like data but follows the footer\n")
            .getBytes(StandardCharsets.UTF_8);

    MetricDateScanner.Result result =
        MetricDateScanner.scanWithFooter(
            new ByteArrayInputStream(text),
            "f.gz",
            List.of("Start Date", "Transaction Date"),
            MetricDateScanner.DateForm.US);

    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(result.footerLines()).isEqualTo(3);
    assertThat(result.metricDates())
        .containsExactly(LocalDate.parse("2024-12-01"), LocalDate.parse("2024-12-02"));
  }

  @Test
  void eitherDateFormIsReadWhereTheFormIsUnknown() {
    assertThat(MetricDateScanner.DateForm.ANY.tryParse("2025-01-09"))
        .isEqualTo(LocalDate.parse("2025-01-09"));
    assertThat(MetricDateScanner.DateForm.ANY.tryParse("01/09/2025"))
        .isEqualTo(LocalDate.parse("2025-01-09"));
    assertThat(MetricDateScanner.DateForm.ANY.tryParse("2025-02-30")).isNull();
    assertThat(MetricDateScanner.DateForm.ANY.tryParse("")).isNull();
  }
}
