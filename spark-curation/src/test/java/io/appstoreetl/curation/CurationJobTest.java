package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.ENGAGEMENT_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.engagementRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.tables.PartitionField;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the curation job on raw zones that the tests land as the extractor does. */
class CurationJobTest {
  private static final long APP_A = 1000000001L;
  private static final long APP_B = 1000000002L;
  private static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
  private static final LocalDate JAN_10 = LocalDate.of(2025, 1, 10);
  private static final LocalDate JAN_11 = LocalDate.of(2025, 1, 11);
  private static final String DOWNLOADS = "app_downloads_standard";

  @TempDir Path folder;
  private Lake lake;

  @BeforeEach
  void createLake() {
    lake = new Lake(folder);
  }

  @Test
  void restatedDatesKeepOnlyLatestInstance() {
    landRestatedDownloads();
    // A newer instance whose manifest was never written: curation must not see it.
    lake.raw()
        .analytics(
            DOWNLOADS, "DAILY", APP_A, JAN_10, "i-0110", Instant.parse("2025-01-10T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP_A, "First-time download", "JP", 999))),
            1)
        .holding(JAN_7)
        .landWithoutManifest();

    LoadReport report =
        lake.curate("--from", "2025-01-06", "--to", "2025-01-08", "--tables", "downloads");

    assertThat(downloads())
        .containsExactly(
            "[2025-01-06,JP,First-time download,2,2025-01-08]",
            "[2025-01-07,JP,First-time download,6,2025-01-09]",
            "[2025-01-07,US,Redownload,4,2025-01-09]",
            "[2025-01-08,JP,First-time download,7,2025-01-09]");
    assertThat(report.countsOf("downloads", JAN_7))
        .isEqualTo(new LoadReport.TableDateCounts("downloads", JAN_7, 2, 2, 0));
    assertThat(report.countsOf("downloads", JAN_6))
        .isEqualTo(new LoadReport.TableDateCounts("downloads", JAN_6, 1, 1, 0));
    assertThat(report.rejectCount()).isZero();
  }

  @Test
  void rerunChangesNoRow() {
    landRestatedDownloads();
    landEngagement(APP_A, JAN_8, "i-e1", JAN_7, 100);
    landSales("80000001", JAN_7, Instant.parse("2025-01-08T06:00:00Z"), "3");
    String[] args = {"--dates", "2025-01-06,2025-01-07,2025-01-08"};

    lake.curate(args);
    List<String> downloads = lake.rows("downloads", null);
    List<String> engagement = lake.rows("engagement", null);
    List<String> sales = lake.rows("sales", null);
    List<String> withLoadTimes = lake.allColumns("downloads");
    lake.curate(args);

    assertThat(downloads).hasSize(4);
    assertThat(engagement).hasSize(2);
    assertThat(sales).hasSize(3);
    assertThat(lake.rows("downloads", null)).isEqualTo(downloads);
    assertThat(lake.rows("engagement", null)).isEqualTo(engagement);
    assertThat(lake.rows("sales", null)).isEqualTo(sales);
    // The second run rewrote the rows (new loaded_at) rather than adding to them.
    assertThat(lake.allColumns("downloads")).doesNotContainAnyElementsOf(withLoadTimes);
  }

  @Test
  void recomputingOneDateLeavesOtherDatesAndApps() {
    landRestatedDownloads();
    lake.raw()
        .analytics(
            DOWNLOADS, "DAILY", APP_B, JAN_9, "i-b0109", Instant.parse("2025-01-09T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-08", APP_B, "Redownload", "DE", 11))),
            1)
        .holding(JAN_8)
        .land();
    lake.curate("--from", "2025-01-06", "--to", "2025-01-08");
    List<String> otherDates = allColumnsExcept(JAN_8);

    lake.raw()
        .analytics(
            DOWNLOADS, "DAILY", APP_A, JAN_11, "i-0111", Instant.parse("2025-01-11T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-08", APP_A, "First-time download", "JP", 8))),
            1)
        .holding(JAN_8)
        .land();
    lake.curate("--dates", "2025-01-08", "--tables", "downloads");

    assertThat(allColumnsExcept(JAN_8)).isEqualTo(otherDates);
    assertThat(
            select(
                "SELECT app_apple_id, territory, counts, processing_date FROM %s"
                    + " WHERE metric_date = DATE '2025-01-08' ORDER BY app_apple_id",
                "downloads"))
        .containsExactly("[1000000001,JP,8,2025-01-11]", "[1000000002,DE,11,2025-01-09]");
  }

  @Test
  void emptySalesUnitLeavesNoSalesRows() {
    landSales("80000001", JAN_7, Instant.parse("2025-01-08T06:00:00Z"), "3");
    landSales("80000002", JAN_7, Instant.parse("2025-01-08T06:00:00Z"), "5");
    lake.curate("--dates", "2025-01-07", "--tables", "sales");
    assertThat(select("SELECT DISTINCT vendor_number FROM %s ORDER BY 1", "sales"))
        .containsExactly("[80000001]", "[80000002]");

    lake.raw().sales("DAILY", "80000001", JAN_7, Instant.parse("2025-01-09T06:00:00Z")).land();
    LoadReport report = lake.curate("--dates", "2025-01-07", "--tables", "sales");

    assertThat(select("SELECT DISTINCT vendor_number FROM %s ORDER BY 1", "sales"))
        .containsExactly("[80000002]");
    assertThat(report.countsOf("sales", JAN_7).rowsWritten()).isEqualTo(3);

    lake.raw().sales("DAILY", "80000002", JAN_7, Instant.parse("2025-01-09T06:00:00Z")).land();
    report = lake.curate("--dates", "2025-01-07", "--tables", "sales");

    assertThat(lake.rows("sales", null)).isEmpty();
    assertThat(report.countsOf("sales", JAN_7))
        .isEqualTo(new LoadReport.TableDateCounts("sales", JAN_7, 0, 0, 0));
  }

  @Test
  void salesProceedsFlagAndAttribution() {
    String text =
        lines(
            SALES_HEADER,
            salesRow("COINS", "IA1", "3", ".69", "01/07/2025", "GBP", 3001L, "APP1"),
            salesRow("APP1", "1F", "10", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("APP1", "7", "4", "0", "01/07/2025", "USD", 2001L, " "),
            salesRow("GEMS", "IA1", "2", "1.40", "01/07/2025", "USD", 3002L, "UNKNOWN"),
            "Total_Rows\t4");
    lake.raw()
        .sales("DAILY", "80000001", JAN_7, Instant.parse("2025-01-08T06:00:00Z"))
        .file(Gzip.gzip(text), 4)
        .holding(JAN_7)
        .land();
    landEngagement(2001L, JAN_8, "i-e1", JAN_7, 100);
    lake.raw()
        .analytics(DOWNLOADS, "DAILY", 2001L, JAN_8, "i-d1", Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", 2001L, "First-time Download", "US", 9),
                    downloadsRow("2025-01-07", 2001L, "Redownload", "US", 2),
                    downloadsRow("2025-01-07", 2001L, "Auto-update", "US", 50))),
            3)
        .holding(JAN_7)
        .land();

    lake.curate("--dates", "2025-01-07", "--summary-date", "2025-01-07");

    assertThat(
            select(
                "SELECT sku, product_type_identifier, app_apple_id, units, proceeds,"
                    + " is_first_time_download,"
                    + " currency_of_proceeds, vendor_number, origin, report_variant FROM %s"
                    + " ORDER BY sku, product_type_identifier",
                "sales"))
        .containsExactly(
            "[APP1,1F,2001,10.00,7.0000,true,USD,80000001,api,SUMMARY]",
            "[APP1,7,2001,4.00,0.0000,false,USD,80000001,api,SUMMARY]",
            "[COINS,IA1,2001,3.00,2.0700,false,GBP,80000001,api,SUMMARY]",
            "[GEMS,IA1,null,2.00,2.8000,false,USD,80000001,api,SUMMARY]");
    assertThat(lake.lastOutput())
        .contains(
            "Summary for 2025-01-07 (analytics: Standard DAILY rows; sales: DAILY rows)\n"
                + "app_apple_id  first_time_downloads  total_downloads  impressions"
                + "  product_page_views\n"
                + "2001          9                     11               100          10\n")
        .contains(
            "app_apple_id  currency_of_proceeds  proceeds\n"
                + "2001          GBP                   2.0700\n"
                + "2001          USD                   7.0000\n"
                + "NULL          USD                   2.8000\n");
  }

  @Test
  void rejectsAreCountedAndPrinted() {
    lake.raw()
        .analytics(DOWNLOADS, "DAILY", APP_A, JAN_8, "i-1", Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP_A, "Redownload", "JP", 1),
                    "2025-01-07\tExample App\t1000000001\tRedownload")),
            2)
        .holding(JAN_7)
        .land();
    lake.raw()
        .analytics(
            "app_store_discovery_and_engagement_standard",
            "DAILY",
            APP_A,
            JAN_8,
            "i-2",
            Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    "Date\tApp Apple Identifier\tEvent\tCounts", "2025-01-07\t1000000001\tTap\t3")),
            1)
        .holding(JAN_7)
        .land();

    LoadReport report = lake.curate("--dates", "2025-01-07", "--tables", "downloads,engagement");

    assertThat(report.countsOf("downloads", JAN_7))
        .isEqualTo(new LoadReport.TableDateCounts("downloads", JAN_7, 2, 1, 1));
    assertThat(report.countsOf("engagement", null))
        .isEqualTo(new LoadReport.TableDateCounts("engagement", null, 1, 0, 1));
    assertThat(report.rejectCount()).isEqualTo(2);
    assertThat(report.rejectExamples())
        .extracting(reject -> reject.reason())
        .containsExactly("Invalid row: 4 fields (expected 12, as in the header)");
    assertThat(lake.lastOutput())
        .isEqualTo(
            "table       metric_dates  rows_read  rows_written  rows_rejected\n"
                + "downloads   2025-01-07    2          1             1\n"
                + "engagement  2025-01-07    1          0             1\n"
                + "Rejected rows: 2\n");
    assertThat(
            select(
                "SELECT table_name, metric_date, line_number, reason, raw_line FROM %s"
                    + " ORDER BY table_name",
                "quarantine"))
        .containsExactly(
            "[downloads,2025-01-07,3,Invalid row: 4 fields (expected 12, as in the header),"
                + "2025-01-07\tExample App\t1000000001\tRedownload]",
            "[engagement,null,0,missing required column \"Unique Counts\",null]");
    assertThat(
            select(
                "SELECT table_name, status, rows_read, rows_written, rows_rejected,"
                    + " CAST(candidate_dates AS STRING), CAST(won_dates AS STRING) FROM %s"
                    + " ORDER BY table_name",
                "load_audit"))
        .containsExactly(
            "[downloads,loaded,2,1,1,[2025-01-07],[2025-01-07]]",
            "[engagement,rejected,1,0,1,[2025-01-07],[2025-01-07]]");
  }

  @Test
  void everyRejectOfLargeFileIsQuarantined() {
    // More rejected lines than a direct write hands to the driver for one file (1,000).
    StringBuilder text = new StringBuilder(DOWNLOADS_STANDARD_HEADER).append('\n');
    text.append(downloadsRow("2025-01-07", APP_A, "Redownload", "Japan", 5)).append('\n');
    for (int i = 0; i < 1500; i++) {
      text.append("2025-01-07\tExample App\t1000000001\tRedownload\t").append(i).append('\n');
    }
    lake.raw()
        .analytics(DOWNLOADS, "DAILY", APP_A, JAN_8, "i-1", Instant.parse("2025-01-08T06:00:00Z"))
        .file(Gzip.gzip(text.toString()), 1501)
        .holding(JAN_7)
        .land();

    LoadReport report = lake.curate("--dates", "2025-01-07", "--tables", "downloads");

    assertThat(report.countsOf("downloads", JAN_7))
        .isEqualTo(new LoadReport.TableDateCounts("downloads", JAN_7, 1501, 1, 1500));
    assertThat(report.rejectExamples()).hasSize(20);
    assertThat(report.rejectExamples().get(0).lineNumber()).isEqualTo(3);
    assertThat(select("SELECT territory, counts FROM %s", "downloads"))
        .containsExactly("[Japan,5]");
    assertThat(
            select(
                "SELECT count(*), count(DISTINCT line_number), min(line_number),"
                    + " max(line_number) FROM %s",
                "quarantine"))
        .containsExactly("[1500,1500,3,1502]");
  }

  @Test
  void filesRejectedWholeLeaveNoRows() {
    StringBuilder many = new StringBuilder(DOWNLOADS_STANDARD_HEADER).append('\n');
    for (int i = 0; i < 3000; i++) {
      many.append(downloadsRow("2025-01-07", APP_A, "Redownload", "Japan", i)).append('\n');
    }
    byte[] whole = Gzip.gzip(many.toString());
    byte[] good =
        Gzip.gzip(
            lines(
                DOWNLOADS_STANDARD_HEADER + "\tNew Metric",
                downloadsRow("2025-01-07", APP_A, "First-time download", "France", 7) + "\t1"));
    lake.raw()
        .analytics(DOWNLOADS, "DAILY", APP_A, JAN_8, "i-1", Instant.parse("2025-01-08T06:00:00Z"))
        .file(good, 1)
        .file(whole, 3000, "0".repeat(32))
        .file(java.util.Arrays.copyOf(whole, whole.length / 2), 3000)
        .file(new byte[] {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00}, 0)
        .holding(JAN_7)
        .land();

    LoadReport report = lake.curate("--dates", "2025-01-07", "--tables", "downloads");

    assertThat(select("SELECT territory, counts, extra_columns FROM %s", "downloads"))
        .containsExactly("[France,7,Map(New Metric -> 1)]");
    assertThat(
            select(
                "SELECT substring_index(source_file, '/', -1), line_number, reason FROM %s"
                    + " ORDER BY source_file",
                "quarantine"))
        .satisfiesExactly(
            row -> assertThat(row).startsWith("[segment=seg-2.").contains(",0,MD5 "),
            row -> assertThat(row).startsWith("[segment=seg-3.").contains(",0,cannot read: "),
            row ->
                assertThat(row)
                    .startsWith("[segment=seg-4.")
                    .endsWith(
                        ",0,neither gzip nor UTF-8 text (starts with bytes 50 4b 03 04 14 00 00 00,"
                            + " contains a NUL byte)]"));
    assertThat(
            select(
                "SELECT status, files, rows_written, CAST(unknown_columns AS STRING),"
                    + " size(split(checksum, ',')) FROM %s",
                "load_audit"))
        .containsExactly("[loaded,4,1,[New Metric],4]");
    LoadReport.TableDateCounts counts = report.countsOf("downloads", JAN_7);
    assertThat(counts.rowsWritten()).isEqualTo(1);
    assertThat(counts.rowsRejected()).isEqualTo(counts.rowsRead() - 1).isGreaterThan(3000);
    assertThat(report.notes())
        .contains("Unknown columns kept in downloads.extra_columns: [New Metric]");
  }

  @Test
  void everyTableIsIcebergV2WithItsPartitioning() {
    lake.curate("--dates", "2025-01-07");

    for (TableDefinition definition : Tables.all()) {
      String table = definition.name();
      String name = lake.table(table);
      assertThat(select("SHOW TBLPROPERTIES %s ('format-version')", table))
          .as("format version of %s", table)
          .containsExactly("[format-version,2]");
      assertThat(select("SHOW TBLPROPERTIES %s ('write.parquet.compression-codec')", table))
          .containsExactly("[write.parquet.compression-codec,zstd]");
      assertThat(lake.spark().table(name).schema().fieldNames())
          .as("columns of %s", table)
          .containsExactlyElementsOf(definition.columnNames());
      assertThat(lake.spark().table(name).schema().apply("loaded_at").dataType())
          .isEqualTo(DataTypes.TimestampNTZType);
      List<String> expected =
          definition.partitionFields().stream()
              .map(
                  field ->
                      field.transform() == PartitionField.Transform.DAY
                          ? "days(" + field.sourceColumn() + ")"
                          : field.sourceColumn())
              .toList();
      List<String> partitioning =
          lake.spark().sql("DESCRIBE TABLE " + name).collectAsList().stream()
              .filter(row -> row.getString(0).startsWith("Part "))
              .map(row -> row.getString(1))
              .toList();
      assertThat(partitioning).as("partitioning of %s", table).isEqualTo(expected);
    }
    assertThat(lake.spark().table(lake.table("downloads")).schema().apply("metric_date").nullable())
        .isFalse();
  }

  /**
   * Lands app A's downloads from two instances: processing date 2025-01-08 contains the 6th and
   * 7th, 2025-01-09 restates the 7th (without the FR row) and adds the 8th in a second segment.
   */
  private void landRestatedDownloads() {
    lake.raw()
        .analytics(
            DOWNLOADS, "DAILY", APP_A, JAN_8, "i-0108", Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-06", APP_A, "First-time download", "JP", 2),
                    downloadsRow("2025-01-07", APP_A, "First-time download", "JP", 5),
                    downloadsRow("2025-01-07", APP_A, "Redownload", "US", 3),
                    downloadsRow("2025-01-07", APP_A, "First-time download", "FR", 1))),
            4)
        .holding(JAN_6, JAN_7)
        .land();
    lake.raw()
        .analytics(
            DOWNLOADS, "DAILY", APP_A, JAN_9, "i-0109", Instant.parse("2025-01-09T06:00:00Z"))
        .file(
            Gzip.gzipMembers(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP_A, "First-time download", "JP", 6)),
                downloadsRow("2025-01-07", APP_A, "Redownload", "US", 4) + "\n"),
            2)
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-08", APP_A, "First-time download", "JP", 7))),
            1)
        .holding(JAN_7, JAN_8)
        .land();
  }

  private void landEngagement(
      long appId, LocalDate processingDate, String instanceId, LocalDate date, long impressions) {
    lake.raw()
        .analytics(
            "app_store_discovery_and_engagement_standard",
            "DAILY",
            appId,
            processingDate,
            instanceId,
            Instant.parse(processingDate + "T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    ENGAGEMENT_STANDARD_HEADER,
                    engagementRow(
                        date.toString(), appId, "Impression", "US", impressions, impressions / 2),
                    engagementRow(
                        date.toString(),
                        appId,
                        "Page view",
                        "US",
                        impressions / 10,
                        impressions / 20))),
            2)
        .holding(date)
        .land();
  }

  private void landSales(String vendor, LocalDate date, Instant landedAt, String units) {
    String us =
        String.format("%02d/%02d/%d", date.getMonthValue(), date.getDayOfMonth(), date.getYear());
    lake.raw()
        .sales("DAILY", vendor, date, landedAt)
        .file(
            Gzip.gzip(
                lines(
                    SALES_HEADER,
                    salesRow("APP" + vendor, "1F", units, "0.70", us, "USD", 2001L, " "),
                    salesRow("APP" + vendor, "7", units, "0", us, "USD", 2001L, " "),
                    salesRow(
                        "COINS" + vendor, "IA1", units, "0.99", us, "EUR", 3001L, "APP" + vendor))),
            3)
        .holding(date)
        .land();
  }

  private List<String> downloads() {
    return select(
        "SELECT metric_date, territory, download_type, counts, processing_date FROM %s"
            + " ORDER BY metric_date, territory",
        "downloads");
  }

  private List<String> allColumnsExcept(LocalDate date) {
    return lake
        .spark()
        .table(lake.table("downloads"))
        .where("metric_date <> DATE '" + date + "'")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  private List<String> select(String sql, String table) {
    return lake.spark().sql(String.format(sql, lake.table(table))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
