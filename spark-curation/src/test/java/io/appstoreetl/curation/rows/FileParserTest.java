package io.appstoreetl.curation.rows;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.FINANCE_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SUBSCRIPTION_EVENT_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SUBSCRIPTION_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.financeRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static io.appstoreetl.curation.testing.ReportText.subscriptionEventRow;
import static io.appstoreetl.curation.testing.ReportText.subscriptionRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Manifests;
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
  private static final LocalDate JAN_6 = LocalDate.of(2025, 1, 6);
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_10 = LocalDate.of(2025, 1, 10);
  private static final LocalDateTime LOADED_AT = LocalDateTime.of(2025, 1, 10, 7, 0, 0);
  private static final long APP = 1000000001L;

  /** The summary of the file that {@link #parse} read last. */
  private static FileSummary lastSummary;

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
    assertThat(value(table, outcome, "territory_code")).isEqualTo("JP");
    assertThat(lastSummary.unknownColumns()).containsExactly("Processing Date");
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

    assertThat(outcomes).isEmpty();
    assertThat(lastSummary.failure()).isEqualTo("missing required column \"Counts\"");
    assertThat(lastSummary.sourceFile()).isEqualTo(task.sourceFile());
    assertThat(lastSummary.md5()).isNull();
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
    UnitManifest unit =
        Manifests.sales(key.substring(0, key.lastIndexOf('/') + 1), "sales_summary", null, JAN_7)
            .build();
    FileTask task =
        task(
            ReportKind.SALES_SUMMARY, unit, key.substring(key.lastIndexOf('/') + 1), Set.of(JAN_7));

    List<ParseOutcome> outcomes = new ArrayList<>();
    FileParser.parse(task, raw.open(key)).forEachRemaining(outcomes::add);

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1).summary().failed()).isFalse();
    assertThat(value(Tables.SALES, outcomes.get(0), "units")).isEqualTo(new BigDecimal("2.00"));
    assertThat(value(Tables.SALES, outcomes.get(0), "origin")).isEqualTo("import");
    assertThat(value(Tables.SALES, outcomes.get(0), "vendor_number")).isNull();
  }

  @Test
  void analyticsTerritoryCodeAndUnmappedNames() throws IOException {
    String text =
        lines(
            DOWNLOADS_STANDARD_HEADER,
            downloadsRow("2025-01-07", APP, "Redownload", "China mainland", 1),
            downloadsRow("2025-01-07", APP, "Redownload", "FR", 2),
            downloadsRow("2025-01-07", APP, "Redownload", "Atlantis", 3),
            downloadsRow("2025-01-07", APP, "Redownload", "", 4));

    List<ParseOutcome> outcomes = parse(analyticsTask(Set.of(JAN_7)), Gzip.gzip(text));

    assertThat(outcomes)
        .extracting(outcome -> value(Tables.DOWNLOADS, outcome, "territory_code"))
        .containsExactly("CN", "FR", null, null);
    assertThat(outcomes)
        .extracting(outcome -> value(Tables.DOWNLOADS, outcome, "territory"))
        .containsExactly("China mainland", "FR", "Atlantis", null);
    assertThat(lastSummary.unmappedTerritories()).containsExactly("Atlantis");
    assertThat(lastSummary.rowsByDate()).containsEntry(JAN_7, 4L);
  }

  @Test
  void summaryCarriesMd5AndUnknownColumns() throws IOException {
    byte[] bytes =
        Gzip.gzip(
            lines(
                DOWNLOADS_STANDARD_HEADER + "\tNew Metric",
                downloadsRow("2025-01-07", APP, "Redownload", "Japan", 1) + "\t7"));
    String md5 = md5Hex(bytes);
    FileTask task = withMd5(analyticsTask(Set.of(JAN_7)), md5);

    parse(task, bytes);

    assertThat(lastSummary.failed()).isFalse();
    assertThat(lastSummary.md5()).isEqualTo(md5);
    assertThat(lastSummary.unknownColumns()).containsExactly("New Metric");
    assertThat(lastSummary.footerCheck()).isNull();
  }

  @Test
  void md5MismatchFailsFile() throws IOException {
    byte[] bytes =
        Gzip.gzip(
            lines(
                DOWNLOADS_STANDARD_HEADER, downloadsRow("2025-01-07", APP, "Redownload", "JP", 1)));
    FileTask task = withMd5(analyticsTask(Set.of(JAN_7)), "0".repeat(32));

    List<ParseOutcome> outcomes = parse(task, bytes);

    assertThat(outcomes).hasSize(1);
    assertThat(lastSummary.failure())
        .isEqualTo("MD5 " + md5Hex(bytes) + " does not match the manifest's " + "0".repeat(32));
  }

  @Test
  void truncatedGzipFailsAfterRows() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      rows.append(downloadsRow("2025-01-07", APP, "Redownload", "Japan", i)).append('\n');
    }
    byte[] whole = Gzip.gzip(DOWNLOADS_STANDARD_HEADER + "\n" + rows);
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

    List<ParseOutcome> outcomes = parse(analyticsTask(Set.of(JAN_7)), truncated);

    assertThat(outcomes).isNotEmpty().allMatch(ParseOutcome::isRow);
    assertThat(lastSummary.failure()).startsWith("cannot read: ");
    assertThat(lastSummary.md5()).isNull();
  }

  @Test
  void binaryFileFailsWhole() throws IOException {
    byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00};

    List<ParseOutcome> outcomes = parse(analyticsTask(Set.of(JAN_7)), zip);

    assertThat(outcomes).isEmpty();
    assertThat(lastSummary.failure())
        .isEqualTo(
            "neither gzip nor UTF-8 text (starts with bytes 50 4b 03 04 14 00 00 00, contains a"
                + " NUL byte)");
  }

  @Test
  void salesPrefersAppsTableSku() throws IOException {
    String text =
        lines(
            SALES_HEADER,
            salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2001L, " "),
            salesRow("COINS", "IA1", "1", "0.70", "01/07/2025", "USD", 3001L, "APP1"),
            salesRow("GEMS", "IA1", "1", "0.70", "01/07/2025", "USD", 3002L, "APP9"));
    FileTask plain = salesTask(Set.of(JAN_7), "80000001", "api");
    FileTask task =
        new FileTask(
            plain.report(),
            plain.unit(),
            plain.fileName(),
            null,
            plain.wonDates(),
            LOADED_AT,
            Map.of("APP1", 9001L, "APP9", 9009L));

    List<ParseOutcome> outcomes = parse(task, Gzip.gzip(text));

    assertThat(outcomes)
        .extracting(outcome -> value(Tables.SALES, outcome, "app_apple_id"))
        .containsExactly(2001L, 9001L, 9009L);
    assertThat(outcomes)
        .extracting(outcome -> value(Tables.SALES, outcome, "attribution"))
        .containsExactly("app_row", "apps_table", "apps_table");
  }

  @Test
  void salesImportTakesVendorFromAppleFileName() throws IOException {
    UnitManifest unit =
        Manifests.sales("source=sales/report=sales_summary/x/", "sales_summary", null, JAN_7)
            .originalFileName("S_D_80000001_20250107.txt")
            .build();
    FileTask task = task(ReportKind.SALES_SUMMARY, unit, "0123456789abcdef.txt", Set.of(JAN_7));
    String text =
        lines(SALES_HEADER, salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2001L, " "));

    List<ParseOutcome> outcomes = parse(task, text.getBytes(StandardCharsets.UTF_8));

    assertThat(value(Tables.SALES, outcomes.get(0), "vendor_number")).isEqualTo("80000001");
    assertThat(value(Tables.SALES, outcomes.get(0), "origin")).isEqualTo("import");
  }

  @Test
  void subscriptionSnapshotTakesReportDate() throws IOException {
    UnitManifest unit =
        Manifests.sales(
                "source=sales/report=subscription_summary/x/",
                "subscription_summary",
                "80000001",
                JAN_7)
            .build();
    FileTask task = task(ReportKind.SUBSCRIPTION_SUMMARY, unit, "report.gz", Set.of(JAN_7));
    String text =
        lines(
            SUBSCRIPTION_HEADER + "\tFree Trial Win-back Offers",
            subscriptionRow(APP, 1177256379L, "US", 40, "") + "\t3",
            subscriptionRow(APP, 1177256379L, "USA", 5, "12") + "\t0");

    List<ParseOutcome> outcomes = parse(task, Gzip.gzip(text));

    TableDefinition table = Tables.SUBSCRIPTIONS;
    assertThat(outcomes).hasSize(2).allMatch(ParseOutcome::isRow);
    assertThat(value(table, outcomes.get(0), "metric_date")).isEqualTo(JAN_7);
    assertThat(value(table, outcomes.get(0), "app_apple_id")).isEqualTo(APP);
    assertThat(value(table, outcomes.get(0), "active_standard_price_subscriptions")).isEqualTo(40L);
    assertThat(value(table, outcomes.get(0), "subscribers")).isNull();
    assertThat(value(table, outcomes.get(1), "subscribers")).isEqualTo(12L);
    assertThat(value(table, outcomes.get(1), "territory_code")).isEqualTo("US");
    assertThat(value(table, outcomes.get(1), "customer_price")).isEqualTo(new BigDecimal("4.9900"));
    assertThat(value(table, outcomes.get(0), "vendor_number")).isEqualTo("80000001");
    assertThat(value(table, outcomes.get(0), "extra_columns"))
        .isEqualTo(Map.of("Free Trial Win-back Offers", "3"));
    assertThat(lastSummary.unknownColumns()).containsExactly("Free Trial Win-back Offers");
  }

  @Test
  void subscriptionEventsTakeEventDate() throws IOException {
    UnitManifest unit =
        Manifests.sales(
                "source=sales/report=subscription_event_summary/x/",
                "subscription_event_summary",
                "80000001",
                JAN_8)
            .build();
    FileTask task = task(ReportKind.SUBSCRIPTION_EVENT_SUMMARY, unit, "report.gz", Set.of(JAN_7));
    String text =
        lines(
            SUBSCRIPTION_EVENT_HEADER.replace(
                "Standard Subscription Duration", "Subscription Duration"),
            subscriptionEventRow("2025-01-07", "Renew", APP, "GB", 3),
            subscriptionEventRow("2025-01-08", "Cancel", APP, "GB", 1),
            subscriptionEventRow("01/07/2025", "Subscribe", APP, "DEU", 2));

    List<ParseOutcome> outcomes = parse(task, Gzip.gzip(text));

    TableDefinition table = Tables.SUBSCRIPTION_EVENTS;
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes)
        .extracting(outcome -> value(table, outcome, "event"))
        .containsExactly("Renew", "Subscribe");
    assertThat(value(table, outcomes.get(0), "standard_subscription_duration"))
        .isEqualTo("1 Month");
    assertThat(value(table, outcomes.get(0), "original_start_date"))
        .isEqualTo(LocalDate.of(2016, 12, 25));
    assertThat(value(table, outcomes.get(1), "territory_code")).isEqualTo("DE");
    assertThat(value(table, outcomes.get(1), "quantity")).isEqualTo(2L);
    assertThat(value(table, outcomes.get(1), "processing_date")).isEqualTo(JAN_8);
  }

  @Test
  void financeRowsAndMatchingFooters() throws IOException {
    String text =
        lines(
            FINANCE_HEADER,
            financeRow("APP5", -1, "12.17", "-12.17", "R", 258801387L, "F1", "DE"),
            financeRow("APP5", 2, "0.00", "0.00", "S", 258801387L, "F1", "DE"),
            financeRow("APP5", 14, "12.17", "170.38", "S", 258801387L, "F1", "FR"),
            financeRow("COINS", 3, "1.00", "3.00", "S", 358801387L, "IA1", "FI"),
            "Total_Rows\t4",
            "Total_Amount\t161.21",
            "Total_Units\t19");

    List<ParseOutcome> outcomes = parse(financeTask(), Gzip.gzip(text));

    TableDefinition table = Tables.FINANCE;
    assertThat(outcomes).hasSize(4).allMatch(ParseOutcome::isRow);
    assertThat(value(table, outcomes.get(0), "metric_date")).isEqualTo(LocalDate.of(2014, 8, 31));
    assertThat(value(table, outcomes.get(0), "extended_partner_share"))
        .isEqualTo(new BigDecimal("-12.1700"));
    assertThat(value(table, outcomes.get(0), "app_apple_id")).isEqualTo(258801387L);
    assertThat(value(table, outcomes.get(3), "app_apple_id")).isNull();
    assertThat(value(table, outcomes.get(2), "territory_code")).isEqualTo("FR");
    assertThat(value(table, outcomes.get(0), "region")).isEqualTo("EU");
    assertThat(value(table, outcomes.get(0), "fiscal_month")).isEqualTo("2014-09");
    assertThat(value(table, outcomes.get(0), "processing_date"))
        .isEqualTo(LocalDate.of(2014, 9, 1));
    assertThat(value(table, outcomes.get(0), "report_variant")).isEqualTo("FINANCIAL");
    assertThat(lastSummary.footerCheck())
        .isEqualTo("ok: Total_Rows 4 = 4, Total_Amount 161.21 = 161.21, Total_Units 19 = 19");
  }

  @Test
  void financeFooterMismatchIsReported() throws IOException {
    String text =
        lines(
            FINANCE_HEADER,
            financeRow("APP5", 2, "12.17", "24.34", "S", 258801387L, "F1", "DE"),
            financeRow("APP5", 1, "12.17", "oops", "S", 258801387L, "F1", "DE"),
            "Total_Rows\t3",
            "Total_Amount\t36.51",
            "Total_Units\t3",
            "Total_Tax\t1.00");

    List<ParseOutcome> outcomes = parse(financeTask(), Gzip.gzip(text));

    assertThat(outcomes).hasSize(2);
    assertThat(outcomes.get(1).reject().reason())
        .isEqualTo("Invalid Extended Partner Share: oops (expected a decimal number)");
    assertThat(lastSummary.failed()).isFalse();
    assertThat(lastSummary.footerCheck())
        .isEqualTo(
            "mismatch: Total_Rows 3 != 2, Total_Amount 36.51 != 24.34, Total_Units 3 != 2,"
                + " Total_Tax 1.00 not checked (1 rejected lines are not in the sums)");
  }

  @Test
  void reviewPageRowsInUtc() throws IOException {
    String page =
        """
        {"data": [
          {"type": "customerReviews", "id": "r-1",
           "attributes": {"rating": 5, "title": "Great", "body": "Love it",
             "reviewerNickname": "Ann", "createdDate": "2025-01-06T20:19:36-07:00",
             "territory": "USA", "reviewTerritory": "USA"},
           "relationships": {"response": {"data": {"type": "customerReviewResponses", "id": "p-1"}}}},
          {"type": "customerReviews", "id": "r-2",
           "attributes": {"rating": 2, "createdDate": "2025-01-07T01:00:00+09:00",
             "territory": "XKS"}},
          {"type": "customerReviews", "id": "r-3",
           "attributes": {"rating": 4, "createdDate": "yesterday"}},
          {"type": "customerReviews", "id": "r-4",
           "attributes": {"rating": 4, "createdDate": "2025-01-09T10:00:00Z"}}
        ],
        "included": [
          {"type": "customerReviewResponses", "id": "p-1",
           "attributes": {"responseBody": "Thanks!", "lastModifiedDate": "2025-01-08T10:00:00+01:00",
             "state": "PUBLISHED"}}
        ]}
        """;
    UnitManifest unit =
        Manifests.reviews(
                "source=reviews/app_id=1000000001/fetched_date=2025-01-10/landing=x/", APP, JAN_10)
            .build();
    FileTask task = task(ReportKind.CUSTOMER_REVIEWS, unit, "page=0001.json", Set.of(JAN_6, JAN_7));

    List<ParseOutcome> outcomes = parse(task, page.getBytes(StandardCharsets.UTF_8));

    TableDefinition table = Tables.REVIEWS;
    assertThat(outcomes).hasSize(3);
    ParseOutcome first = outcomes.get(0);
    assertThat(value(table, first, "metric_date")).isEqualTo(JAN_7);
    assertThat(value(table, first, "created_at"))
        .isEqualTo(LocalDateTime.of(2025, 1, 7, 3, 19, 36));
    assertThat(value(table, first, "created_utc_offset")).isEqualTo("-07:00");
    assertThat(value(table, first, "territory_code")).isEqualTo("US");
    assertThat(value(table, first, "rating")).isEqualTo(5);
    assertThat(value(table, first, "response_body")).isEqualTo("Thanks!");
    assertThat(value(table, first, "response_last_modified_at"))
        .isEqualTo(LocalDateTime.of(2025, 1, 8, 9, 0));
    assertThat(value(table, first, "extra_columns")).isEqualTo(Map.of("reviewTerritory", "USA"));
    assertThat(value(table, first, "app_apple_id")).isEqualTo(APP);
    ParseOutcome second = outcomes.get(1);
    assertThat(value(table, second, "metric_date")).isEqualTo(JAN_6);
    assertThat(value(table, second, "territory_code")).isEqualTo("XK");
    assertThat(value(table, second, "created_utc_offset")).isEqualTo("+09:00");
    assertThat(outcomes.get(2).reject().reason())
        .isEqualTo("Invalid createdDate: yesterday (expected ISO-8601 with a UTC offset)");
    assertThat(outcomes.get(2).reject().lineNumber()).isEqualTo(3);
    assertThat(lastSummary.unknownColumns()).containsExactly("reviewTerritory");
  }

  @Test
  void reviewPageThatIsNotJsonFailsWhole() throws IOException {
    UnitManifest unit = Manifests.reviews("source=reviews/app_id=1/x/", APP, JAN_10).build();
    FileTask task = task(ReportKind.CUSTOMER_REVIEWS, unit, "page=0001.json", Set.of(JAN_7));

    List<ParseOutcome> outcomes = parse(task, "{\"data\": [".getBytes(StandardCharsets.UTF_8));

    assertThat(outcomes).isEmpty();
    assertThat(lastSummary.failure()).startsWith("invalid JSON: ");
  }

  private static FileTask financeTask() {
    UnitManifest unit =
        Manifests.finance(
                "source=finance/report=financial/region=EU/fiscal_month=2014-09/vendor=80000001"
                    + "/landing=20141010T060000000Z-0a1b2c3d/",
                "financial",
                "EU",
                "80000001",
                java.time.YearMonth.of(2014, 9))
            .build();
    return task(
        ReportKind.FINANCIAL,
        unit,
        "report.attempt=20141010T060000000Z-0a1b2c3d.gz",
        Set.of(LocalDate.of(2014, 8, 31)));
  }

  private static FileTask withMd5(FileTask task, String md5) {
    return new FileTask(
        task.report(),
        task.unit(),
        task.fileName(),
        md5,
        task.wonDates(),
        task.loadedAt(),
        task.appIdsBySku());
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FileTask analyticsTask(Set<LocalDate> wonDates) {
    UnitManifest unit =
        Manifests.analytics(
                "source=analytics/report=app_downloads_standard/granularity=DAILY"
                    + "/processing_date=2025-01-08/app_id=1000000001/instance_id=i-1/",
                "app_downloads_standard",
                APP,
                JAN_8,
                "i-1")
            .build();
    return task(
        ReportKind.APP_DOWNLOADS_STANDARD,
        unit,
        "segment=s-1.attempt=20250108T060000000Z-0a1b2c3d.gz",
        wonDates);
  }

  private static FileTask salesTask(Set<LocalDate> wonDates, String vendor, String origin) {
    UnitManifest unit =
        Manifests.sales(
                "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-07/vendor="
                    + vendor
                    + "/landing=20250108T060000000Z-0a1b2c3d/",
                "sales_summary",
                origin.equals("import") ? null : vendor,
                JAN_7)
            .build();
    return task(
        ReportKind.SALES_SUMMARY, unit, "report.attempt=20250108T060000000Z-0a1b2c3d.gz", wonDates);
  }

  private static FileTask task(
      ReportKind kind, UnitManifest unit, String fileName, Set<LocalDate> wonDates) {
    return new FileTask(kind, unit, fileName, null, wonDates, LOADED_AT, Map.of());
  }

  private static List<ParseOutcome> parse(FileTask task, byte[] bytes) throws IOException {
    List<ParseOutcome> outcomes = new ArrayList<>();
    Iterator<ParseOutcome> iterator = FileParser.parse(task, new ByteArrayInputStream(bytes));
    iterator.forEachRemaining(outcomes::add);
    ParseOutcome last = outcomes.remove(outcomes.size() - 1);
    assertThat(last.isSummary()).as("last outcome is the file summary").isTrue();
    lastSummary = last.summary();
    return outcomes;
  }

  private static Object value(TableDefinition table, ParseOutcome outcome, String column) {
    return outcome.row()[table.indexOf(column)];
  }
}
