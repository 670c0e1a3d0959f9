package io.appstoreetl.curation.rows;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileParserTest {
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDateTime LOADED_AT = LocalDateTime.of(2025, 1, 10, 7, 0, 0);
  private static final long APP = 1000000001L;

  @Test
  void analyticsRowsGetLineage() throws IOException {
    String text =
        lines(
            DOWNLOADS_STANDARD_HEADER + "\tProcessing Date",
            downloadsRow("2025-01-07", APP, "First-time download", "Japan", 5) + "\t2025-01-08");
    FileTask task = analyticsTask(Set.of(JAN_7));

    List<ParseOutcome> outcomes = parse(task, text.getBytes(StandardCharsets.UTF_8));

    assertThat(outcomes).hasSize(1);
    ParseOutcome outcome = outcomes.get(0);
    assertThat(outcome.isRejected()).isFalse();
    assertThat(outcome.table()).isEqualTo("downloads");
    assertThat(outcome.metricDate()).isEqualTo(JAN_7);
    TableDefinition table = Tables.DOWNLOADS;
    assertThat(value(table, outcome, "granularity")).isEqualTo("DAILY");
    assertThat(value(table, outcome, "report_variant")).isEqualTo("Standard");
    assertThat(value(table, outcome, "processing_date")).isEqualTo(JAN_8);
    assertThat(value(table, outcome, "source_file")).isEqualTo(task.sourceFile());
    assertThat(value(table, outcome, "loaded_at")).isEqualTo(LOADED_AT);
    assertThat(value(table, outcome, "extra_columns"))
        .isEqualTo(Map.of("Processing Date", "2025-01-08"));
    assertThat(value(table, outcome, "counts")).isEqualTo(5L);
  }

  @Test
  void analyticsKeepsOnlyWonDates() throws IOException {
    String text =
        lines(
            DOWNLOADS_STANDARD_HEADER,
            downloadsRow("2025-01-06", APP, "Redownload", "Japan", 1),
            downloadsRow("2025-01-07", APP, "Redownload", "Japan", 2),
            "2025-01-06\ttoo few fields",
            downloadsRow("2025-01-08", APP, "Redownload", "Japan", 3));

    List<ParseOutcome> outcomes = parse(analyticsTask(Set.of(JAN_7, JAN_8)), Gzip.gzip(text));

    assertThat(outcomes).extracting(ParseOutcome::metricDate).containsExactly(JAN_7, JAN_8);
    assertThat(outcomes).noneMatch(ParseOutcome::isRejected);
  }

  @Test
  void analyticsRejectsRowOfAnotherApp() throws IOException {
    String text =
        lines(DOWNLOADS_STANDARD_HEADER, downloadsRow("2025-01-07", 42L, "Redownload", "Japan", 1));

    List<ParseOutcome> outcomes = parse(analyticsTask(Set.of(JAN_7)), Gzip.gzip(text));

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).reject().reason())
        .isEqualTo(
            "Invalid App Apple Identifier: 42 (expected 1000000001, the app of the report"
                + " instance)");
    assertThat(outcomes.get(0).reject().lineNumber()).isEqualTo(2);
  }

  @Test
  void missingRequiredColumnBecomesFileReject() throws IOException {
    String text = lines("Date\tApp Apple Identifier", "2025-01-07\t1000000001");
    FileTask task = analyticsTask(Set.of(JAN_7));

    List<ParseOutcome> outcomes = parse(task, Gzip.gzip(text));

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).isRejected()).isTrue();
    assertThat(outcomes.get(0).metricDate()).isNull();
    assertThat(outcomes.get(0).reject().lineNumber()).isZero();
    assertThat(outcomes.get(0).reject().reason()).isEqualTo("missing required column \"Counts\"");
  }

  @Test
  void salesProceedsFlagsAndAttribution() throws IOException {
    String text =
        lines(
            SALES_HEADER,
            salesRow("COINS", "IA1", "3", ".69", "01/07/2025", "GBP", 3001L, "APP1"),
            salesRow("APP1", "1F", "10", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "7", "5", "0", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "1F", "-1", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("GEMS", "IA1", "1", "0.70", "01/07/2025", "USD", 3002L, "ELSEWHERE"),
            salesRow("APP1", "1F", "99", "0.70", "01/06/2025", "USD", 2001L, " "),
            "Total_Rows\t6");
    FileTask task = salesTask(Set.of(JAN_7), "80000001", "api");

    List<ParseOutcome> outcomes = parse(task, Gzip.gzip(text));

    TableDefinition sales = Tables.SALES;
    assertThat(outcomes).hasSize(5).noneMatch(ParseOutcome::isRejected);
    ParseOutcome iap = outcomes.get(0);
    assertThat(value(sales, iap, "app_apple_id")).isEqualTo(2001L);
    assertThat(value(sales, iap, "apple_identifier")).isEqualTo(3001L);
    assertThat(value(sales, iap, "proceeds")).isEqualTo(new BigDecimal("2.0700"));
    assertThat(value(sales, iap, "currency_of_proceeds")).isEqualTo("GBP");
    assertThat(value(sales, iap, "is_first_time_download")).isEqualTo(false);

    ParseOutcome app = outcomes.get(1);
    assertThat(value(sales, app, "app_apple_id")).isEqualTo(2001L);
    assertThat(value(sales, app, "proceeds")).isEqualTo(new BigDecimal("7.0000"));
    assertThat(value(sales, app, "is_first_time_download")).isEqualTo(true);
    assertThat(value(sales, app, "metric_date")).isEqualTo(JAN_7);
    assertThat(value(sales, app, "vendor_number")).isEqualTo("80000001");
    assertThat(value(sales, app, "origin")).isEqualTo("api");
    assertThat(value(sales, app, "report_variant")).isEqualTo("SUMMARY");
    assertThat(value(sales, app, "processing_date")).isEqualTo(JAN_7);

    assertThat(value(sales, outcomes.get(2), "is_first_time_download")).isEqualTo(false);
    assertThat(value(sales, outcomes.get(2), "proceeds")).isEqualTo(new BigDecimal("0.0000"));
    assertThat(value(sales, outcomes.get(3), "proceeds")).isEqualTo(new BigDecimal("-0.7000"));
    assertThat(value(sales, outcomes.get(4), "app_apple_id")).isNull();
  }

  @Test
  void salesSkuOfTwoAppsIsNotAttributed() throws IOException {
    String text =
        lines(
            SALES_HEADER,
            salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2009L, " "),
            salesRow("COINS", "IA1", "1", "0.70", "01/07/2025", "USD", 3001L, "APP1"));

    List<ParseOutcome> outcomes =
        parse(salesTask(Set.of(JAN_7), "80000001", "api"), Gzip.gzip(text));

    assertThat(value(Tables.SALES, outcomes.get(2), "app_apple_id")).isNull();
  }

  @Test
  void salesRejectsEmptyBeginDate() throws IOException {
    String text = lines(SALES_HEADER, salesRow("APP1", "1F", "1", "0.70", " ", "USD", 2001L, " "));

    List<ParseOutcome> outcomes =
        parse(salesTask(Set.of(JAN_7), "80000001", "api"), Gzip.gzip(text));

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).reject().reason())
        .isEqualTo("Invalid Begin Date: empty (expected MM/DD/YYYY or M/D/YY)");
  }

  @Test
  void readsGzipFileNamedTxt(@TempDir Path root) throws IOException {
    String key =
        "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-07"
            + "/vendor=import/landing=20250110T070000000Z-0a1b2c3d/0123456789abcdef.txt";
    Path file = root.resolve(key);
    Files.createDirectories(file.getParent());
    String text =
        lines(SALES_HEADER, salesRow("APP1", "1F", "2", "0.70", "1/7/25", "USD", 2001L, " "));
    Files.write(file, Gzip.gzip(text));
    RawZone raw = RawZone.at(root.toString(), new Configuration());
    FileTask task =
        new FileTask(
            ReportKind.SALES_SUMMARY,
            key,
            "DAILY",
            JAN_7,
            null,
            null,
            "import",
            Set.of(JAN_7),
            LOADED_AT);

    List<ParseOutcome> outcomes = new ArrayList<>();
    FileParser.parse(task, raw.open(key)).forEachRemaining(outcomes::add);

    assertThat(outcomes).hasSize(1);
    assertThat(value(Tables.SALES, outcomes.get(0), "units")).isEqualTo(new BigDecimal("2.00"));
    assertThat(value(Tables.SALES, outcomes.get(0), "origin")).isEqualTo("import");
    assertThat(value(Tables.SALES, outcomes.get(0), "vendor_number")).isNull();
  }

  private static FileTask analyticsTask(Set<LocalDate> wonDates) {
    return new FileTask(
        ReportKind.APP_DOWNLOADS_STANDARD,
        "source=analytics/report=app_downloads_standard/granularity=DAILY"
            + "/processing_date=2025-01-08/app_id=1000000001/instance_id=i-1"
            + "/segment=s-1.attempt=20250108T060000000Z-0a1b2c3d.gz",
        "DAILY",
        JAN_8,
        APP,
        null,
        "api",
        wonDates,
        LOADED_AT);
  }

  private static FileTask salesTask(Set<LocalDate> wonDates, String vendor, String origin) {
    return new FileTask(
        ReportKind.SALES_SUMMARY,
        "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-07/vendor="
            + vendor
            + "/landing=20250108T060000000Z-0a1b2c3d"
            + "/report.attempt=20250108T060000000Z-0a1b2c3d.gz",
        "DAILY",
        JAN_7,
        null,
        vendor,
        origin,
        wonDates,
        LOADED_AT);
  }

  private static List<ParseOutcome> parse(FileTask task, byte[] bytes) throws IOException {
    List<ParseOutcome> outcomes = new ArrayList<>();
    Iterator<ParseOutcome> iterator = FileParser.parse(task, new ByteArrayInputStream(bytes));
    iterator.forEachRemaining(outcomes::add);
    return outcomes;
  }

  private static Object value(TableDefinition table, ParseOutcome outcome, String column) {
    return outcome.row()[table.indexOf(column)];
  }
}
