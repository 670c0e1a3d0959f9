package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.ENGAGEMENT_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.FINANCE_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SUBSCRIPTION_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.engagementRow;
import static io.appstoreetl.curation.testing.ReportText.financeRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static io.appstoreetl.curation.testing.ReportText.subscriptionRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.curation.testing.RawZoneWriter;
import io.appstoreetl.tables.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Landing order and repeated runs do not change the tables. One lake gets every unit at once and
 * one run. The other gets the same units in shuffled batches with an incremental run after each,
 * then one more full run. Every table is compared, the bookkeeping tables without the columns that
 * name a run.
 */
class LandingOrderTest {
  private static final long APP = 1000000001L;
  private static final String ALL_DATES = "2024-12-29,2025-01-06,2025-01-07,2025-01-08";
  private static final String[] PENDING = {"--changed-since-days", "20", "--today", "2025-01-12"};

  @TempDir Path folder;

  @Test
  void shuffledAndRepeatedLandingsGiveSameTables() {
    List<Consumer<RawZoneWriter>> units = units();
    Lake inOrder = new Lake(folder.resolve("in-order"));
    units.forEach(unit -> unit.accept(inOrder.raw()));
    inOrder.curate("--dates", ALL_DATES);

    Lake shuffled = new Lake(folder.resolve("shuffled"));
    List<Consumer<RawZoneWriter>> order = new ArrayList<>(units);
    Collections.shuffle(order, new Random(20250107L));
    for (int start = 0; start < order.size(); start += 4) {
      order
          .subList(start, Math.min(start + 4, order.size()))
          .forEach(unit -> unit.accept(shuffled.raw()));
      shuffled.curate(PENDING);
    }
    shuffled.curate("--dates", ALL_DATES);

    List<String> landed =
        List.of("downloads", "engagement", "sales", "subscriptions", "finance", "reviews", "apps");
    for (String table : landed) {
      assertThat(rows(inOrder, table, "loaded_at")).as("table %s", table).isNotEmpty();
    }
    for (String table : Tables.all().stream().map(t -> t.name()).toList()) {
      if (List.of("runs", "load_audit", "quarantine").contains(table)) {
        continue;
      }
      assertThat(rows(shuffled, table, "loaded_at"))
          .as("table %s", table)
          .isEqualTo(rows(inOrder, table, "loaded_at"));
    }
    assertThat(rows(inOrder, "quarantine", "loaded_at", "run_id"))
        .as("table quarantine")
        .hasSize(2);
    assertThat(rows(shuffled, "quarantine", "loaded_at", "run_id"))
        .as("table quarantine")
        .isEqualTo(rows(inOrder, "quarantine", "loaded_at", "run_id"));
    assertThat(rows(shuffled.spark().sql(latestAudit(shuffled))))
        .as("latest load_audit row of each unit")
        .isEqualTo(rows(inOrder.spark().sql(latestAudit(inOrder))));
    assertThat(
            rows(
                shuffled.spark().table(shuffled.table("runs")).where("run_kind = 'extractor'"),
                "loaded_at"))
        .as("extractor runs")
        .isEqualTo(
            rows(
                inOrder.spark().table(inOrder.table("runs")).where("run_kind = 'extractor'"),
                "loaded_at"));
  }

  /** Returns every unit of the scenario as a landing step. */
  private static List<Consumer<RawZoneWriter>> units() {
    List<Consumer<RawZoneWriter>> units = new ArrayList<>();

    // Analytics: a restated day, a reject that wins its date.
    units.add(
        raw ->
            downloads(
                raw,
                "2025-01-08",
                "i-1",
                downloadsRow("2025-01-06", APP, "Redownload", "Japan", 1),
                downloadsRow("2025-01-07", APP, "Redownload", "Japan", 2)));
    units.add(
        raw ->
            downloads(
                raw,
                "2025-01-09",
                "i-2",
                downloadsRow("2025-01-07", APP, "Redownload", "Japan", 3),
                downloadsRow("2025-01-08", APP, "Redownload", "Atlantis", 4),
                "2025-01-08\tbroken"));
    units.add(
        raw ->
            downloads(
                raw,
                "2025-01-10",
                "i-3",
                downloadsRow("2025-01-08", APP, "Redownload", "France", 5)));
    units.add(
        raw ->
            raw.analytics(
                    "app_store_discovery_and_engagement_standard",
                    "DAILY",
                    APP,
                    LocalDate.parse("2025-01-09"),
                    "e-1",
                    at("2025-01-09"))
                .file(
                    Gzip.gzip(
                        lines(
                            ENGAGEMENT_STANDARD_HEADER,
                            engagementRow("2025-01-07", APP, "Impression", "Japan", 100, 50),
                            "2025-01-07\tbroken")),
                    2)
                .holding(LocalDate.parse("2025-01-07"))
                .land());

    // Sales and Trends, an import, a file rejected whole, finance.
    units.add(raw -> sales(raw, "80000001", "2025-01-07", "2025-01-08", "3"));
    units.add(raw -> sales(raw, "80000001", "2025-01-07", "2025-01-09", "4"));
    units.add(
        raw ->
            raw.salesImport(
                    LocalDate.parse("2025-01-08"), "S_D_80000001_20250108.txt", at("2025-01-11"))
                .file(
                    lines(
                            SALES_HEADER,
                            salesRow("APP1", "1F", "6", "0.70", "01/08/2025", "USD", 2001L, " "))
                        .getBytes(StandardCharsets.UTF_8),
                    1)
                .holding(LocalDate.parse("2025-01-08"))
                .land());
    units.add(
        raw ->
            raw.salesReport(
                    "subscription_summary",
                    "SUBSCRIPTION SUMMARY",
                    "DAILY",
                    "80000001",
                    LocalDate.parse("2025-01-07"),
                    at("2025-01-08"))
                .file(
                    Gzip.gzip(
                        lines(
                            SUBSCRIPTION_HEADER, subscriptionRow(APP, 1177256379L, "US", 40, ""))),
                    1)
                .land());
    units.add(
        raw ->
            raw.finance("financial", "ZZ", YearMonth.of(2025, 1), "80000001", at("2025-01-11"))
                .file(
                    Gzip.gzip(
                        lines(
                                FINANCE_HEADER,
                                financeRow("APP1", 2, "0.70", "1.40", "S", 2001L, "1F", "US"))
                            .replace("08/31/2014\t09/27/2014", "12/29/2024\t02/01/2025")),
                    1)
                .holding(LocalDate.parse("2024-12-29"))
                .land());
    units.add(
        raw ->
            raw.salesImport(
                    LocalDate.parse("2025-01-06"), "S_D_80000002_20250106.txt", at("2025-01-11"))
                .file("Provider\tUnits\n APPLE\t1\n".getBytes(StandardCharsets.UTF_8), 1)
                .holding(LocalDate.parse("2025-01-06"))
                .land());

    // Pages and run summaries.
    units.add(raw -> reviews(raw, "2025-01-08", "Nice"));
    units.add(raw -> reviews(raw, "2025-01-10", "Edited"));
    units.add(raw -> apps(raw, "2025-01-08", "APP1"));
    units.add(raw -> apps(raw, "2025-01-09", "APP1-RENAMED"));
    units.add(
        raw ->
            raw.runSummary(
                LocalDate.parse("2025-01-07"),
                "20250108T060000000Z-0a1b2c3d",
                "{\"run_id\": \"20250108T060000000Z-0a1b2c3d\", \"units_landed\": 3, \"errors_total\": 0}"));
    return units;
  }

  private static void downloads(
      RawZoneWriter raw, String processingDate, String instance, String... rows) {
    raw.analytics(
            "app_downloads_standard",
            "DAILY",
            APP,
            LocalDate.parse(processingDate),
            instance,
            at(processingDate))
        .file(Gzip.gzip(lines(DOWNLOADS_STANDARD_HEADER, rows)), rows.length)
        .holding(
            java.util.Arrays.stream(rows)
                .map(row -> LocalDate.parse(row.substring(0, 10)))
                .distinct()
                .toArray(LocalDate[]::new))
        .land();
  }

  private static void sales(
      RawZoneWriter raw, String vendor, String date, String landedOn, String units) {
    String us = date.substring(5, 7) + "/" + date.substring(8) + "/" + date.substring(0, 4);
    raw.sales("DAILY", vendor, LocalDate.parse(date), at(landedOn))
        .file(
            Gzip.gzip(
                lines(
                    SALES_HEADER,
                    salesRow("APP1", "1F", units, "0.70", us, "USD", 2001L, " "),
                    salesRow("COINS", "IA1", units, "0.99", us, "EUR", 3001L, "APP1"))),
            2)
        .holding(LocalDate.parse(date))
        .land();
  }

  private static void reviews(RawZoneWriter raw, String fetched, String title) {
    String page =
        "{\"data\": [{\"type\": \"customerReviews\", \"id\": \"r-1\", \"attributes\": {\"rating\": 4,"
            + " \"title\": \""
            + title
            + "\", \"createdDate\": \"2025-01-07T01:00:00-08:00\", \"territory\": \"USA\"}}]}";
    raw.reviews(APP, LocalDate.parse(fetched), at(fetched))
        .file(page.getBytes(StandardCharsets.UTF_8), 1)
        .holding(LocalDate.parse("2025-01-07"))
        .land();
  }

  private static void apps(RawZoneWriter raw, String fetched, String sku) {
    String page =
        "{\"data\": [{\"type\": \"apps\", \"id\": \"2001\", \"attributes\": {\"sku\": \""
            + sku
            + "\"}}]}";
    raw.apps(LocalDate.parse(fetched), at(fetched))
        .file(page.getBytes(StandardCharsets.UTF_8), 1)
        .land();
  }

  private static Instant at(String date) {
    return Instant.parse(date + "T06:00:00Z");
  }

  private static String latestAudit(Lake lake) {
    return "SELECT unit_key, table_name, status, CAST(candidate_dates AS STRING),"
        + " CAST(won_dates AS STRING), rows_read, rows_written, rows_rejected, checksum,"
        + " CAST(unmapped_territories AS STRING) FROM (SELECT *, row_number() OVER (PARTITION BY"
        + " unit_key ORDER BY loaded_at DESC) AS latest FROM "
        + lake.table(Tables.LOAD_AUDIT.name())
        + ") WHERE latest = 1";
  }

  private static List<String> rows(Lake lake, String table, String... without) {
    return rows(lake.spark().table(lake.table(table)), without);
  }

  private static List<String> rows(Dataset<Row> rows, String... without) {
    return rows.drop(without).collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
