package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --changed-since-days}: only (table, date) pairs whose raw inputs changed are rewritten.
 */
class IncrementalRunTest {
  private static final long APP = 1000000001L;
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
  private static final String[] PENDING = {"--changed-since-days", "5", "--today", "2025-01-10"};

  @TempDir Path folder;

  @Test
  void pendingRunsRewriteOnlyChangedPartitions() {
    Lake lake = new Lake(folder);
    landDownloads(lake, JAN_8, "i-1", downloadsRow("2025-01-07", APP, "Redownload", "Japan", 1));
    landSales(lake);
    lake.raw()
        .salesReport(
            "subscriber_detailed", "SUBSCRIBER DETAILED", "DAILY", "80000001", JAN_7, at(JAN_8))
        .file(Gzip.gzip("Event Date\tApp Apple ID\n2025-01-07\t1\n"), 1)
        .land();
    // A unit whose manifest is not written yet is not pending.
    landDownloadsWithoutManifest(lake);

    LoadReport first = lake.curate(PENDING);

    assertThat(first.countsOf("downloads", JAN_7).rowsWritten()).isEqualTo(1);
    assertThat(first.countsOf("sales", JAN_7).rowsWritten()).isEqualTo(1);
    assertThat(first.countsOf("downloads", JAN_9)).isNull();
    assertThat(select(lake, "SELECT report, status FROM %s ORDER BY report", "load_audit"))
        .containsExactly(
            "[app_downloads_standard,loaded]",
            "[sales_summary,loaded]",
            "[subscriber_detailed,not_curated]");
    long downloadsSnapshot = snapshotId(lake, "downloads");
    long salesSnapshot = snapshotId(lake, "sales");

    LoadReport idle = lake.curate(PENDING);

    assertThat(idle.counts()).as("counts of a run with nothing pending").isEmpty();
    assertThat(lake.lastOutput()).startsWith("No table was recomputed.\nRejected rows: 0\n");
    assertThat(snapshotId(lake, "downloads")).isEqualTo(downloadsSnapshot);
    assertThat(snapshotId(lake, "sales")).isEqualTo(salesSnapshot);

    landDownloads(
        lake,
        JAN_9,
        "i-2",
        downloadsRow("2025-01-07", APP, "Redownload", "Japan", 2),
        downloadsRow("2025-01-08", APP, "Redownload", "Japan", 3));
    LoadReport third = lake.curate(PENDING);

    assertThat(third.counts())
        .extracting(LoadReport.TableDateCounts::table, LoadReport.TableDateCounts::metricDate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("downloads", JAN_7),
            org.assertj.core.groups.Tuple.tuple("downloads", JAN_8));
    assertThat(snapshotId(lake, "sales")).as("sales untouched").isEqualTo(salesSnapshot);
    assertThat(select(lake, "SELECT metric_date, counts FROM %s ORDER BY 1", "downloads"))
        .containsExactly("[2025-01-07,2]", "[2025-01-08,3]");
    assertThat(
            select(
                lake,
                "SELECT instance, status FROM (SELECT substring_index(unit_key, '/', -2) AS"
                    + " instance, status, loaded_at FROM %s WHERE report ="
                    + " 'app_downloads_standard') ORDER BY loaded_at, instance",
                "load_audit"))
        .containsExactly(
            "[instance_id=i-1/,loaded]",
            "[instance_id=i-1/,superseded]",
            "[instance_id=i-2/,loaded]");

    lake.curate("--dates", "2025-01-07", "--tables", "sales");

    assertThat(snapshotId(lake, "sales"))
        .as("plain --dates still rewrites")
        .isNotEqualTo(salesSnapshot);
  }

  private static void landDownloads(
      Lake lake, LocalDate processingDate, String instance, String... rows) {
    lake.raw()
        .analytics(
            "app_downloads_standard", "DAILY", APP, processingDate, instance, at(processingDate))
        .file(Gzip.gzip(lines(DOWNLOADS_STANDARD_HEADER, rows)), rows.length)
        .holding(datesOf(rows))
        .land();
  }

  private static void landDownloadsWithoutManifest(Lake lake) {
    lake.raw()
        .analytics("app_downloads_standard", "DAILY", APP, JAN_9, "i-crashed", at(JAN_9))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-09", APP, "Redownload", "Japan", 9))),
            1)
        .holding(JAN_9)
        .landWithoutManifest();
  }

  private static void landSales(Lake lake) {
    lake.raw()
        .sales("DAILY", "80000001", JAN_7, at(JAN_8))
        .file(
            Gzip.gzip(
                lines(
                    SALES_HEADER,
                    salesRow("APP1", "1F", "1", "0.70", "01/07/2025", "USD", 2001L, " "))),
            1)
        .holding(JAN_7)
        .land();
  }

  private static LocalDate[] datesOf(String... rows) {
    return java.util.Arrays.stream(rows)
        .map(row -> LocalDate.parse(row.substring(0, 10)))
        .distinct()
        .toArray(LocalDate[]::new);
  }

  private static Instant at(LocalDate date) {
    return Instant.parse(date + "T06:00:00Z");
  }

  private static long snapshotId(Lake lake, String table) {
    return lake.spark()
        .sql(
            "SELECT snapshot_id FROM "
                + lake.table(table)
                + ".snapshots ORDER BY committed_at DESC LIMIT 1")
        .collectAsList()
        .get(0)
        .getLong(0);
  }

  private static List<String> select(Lake lake, String sql, String table) {
    return lake.spark().sql(String.format(sql, lake.table(table))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
