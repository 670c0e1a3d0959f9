package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.SALES_HEADER;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static io.appstoreetl.curation.testing.ReportText.salesRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sales day that arrives both from the API and from {@code import} is stored once: the API unit
 * wins over an import of the same vendor, an import names its vendor in Apple's file name, and an
 * import without one gives way to any API unit of its report and granularity.
 */
class SalesSourcesTest {

  @TempDir Path folder;

  @Test
  void apiAndImportDayStoredOnce() {
    Lake lake = new Lake(folder);
    // Jan 7: the API unit of vendor 80000001 and a later import of the same vendor's file.
    api(lake, "80000001", "2025-01-07", "2025-01-08", "10");
    imported(
        lake, "DAILY", "2025-01-07", "S_D_80000001_20250107.txt", "2025-01-20", "01/07/2025", "99");
    // Jan 8: only an import, which is kept with the vendor from its name.
    imported(
        lake,
        "DAILY",
        "2025-01-08",
        "S_D_80000001_20250108.txt.gz",
        "2025-01-20",
        "01/08/2025",
        "8");
    // Jan 9: an import whose name carries no vendor gives way to the API unit.
    api(lake, "80000001", "2025-01-09", "2025-01-10", "9");
    imported(lake, "DAILY", "2025-01-09", "sales-jan-9.txt", "2025-01-20", "01/09/2025", "90");
    // Jan 10: another vendor's import is kept beside the API unit.
    api(lake, "80000001", "2025-01-10", "2025-01-11", "1");
    imported(
        lake, "DAILY", "2025-01-10", "S_D_80000002_20250110.txt", "2025-01-20", "01/10/2025", "2");
    // Week of Jan 6: the API's weekly report (dated by its Sunday) beats the imported week.
    lake.raw()
        .sales("WEEKLY", "80000001", LocalDate.parse("2025-01-12"), at("2025-01-13"))
        .file(
            Gzip.gzip(
                lines(
                        SALES_HEADER,
                        salesRow("APP1", "1F", "70", "0.70", "01/06/2025", "USD", 2001L, " "))
                    .replace("01/06/2025\t01/06/2025", "01/06/2025\t01/12/2025")),
            1)
        .holding(LocalDate.parse("2025-01-06"))
        .land();
    imported(
        lake,
        "WEEKLY",
        "2025-01-06",
        "S_W_80000001_20250112.txt",
        "2025-01-20",
        "01/06/2025",
        "700");

    lake.curate("--from", "2025-01-06", "--to", "2025-01-10", "--tables", "sales");

    assertThat(
            select(
                lake,
                "SELECT granularity, metric_date, vendor_number, origin, units FROM %s"
                    + " ORDER BY granularity, metric_date, vendor_number",
                "sales"))
        .containsExactly(
            "[DAILY,2025-01-07,80000001,api,10.00]",
            "[DAILY,2025-01-08,80000001,import,8.00]",
            "[DAILY,2025-01-09,80000001,api,9.00]",
            "[DAILY,2025-01-10,80000001,api,1.00]",
            "[DAILY,2025-01-10,80000002,import,2.00]",
            "[WEEKLY,2025-01-06,80000001,api,70.00]");
    assertThat(
            select(
                lake,
                "SELECT report_date, granularity, status FROM %s WHERE origin = 'import'"
                    + " ORDER BY report_date, granularity",
                "load_audit"))
        .containsExactly(
            "[2025-01-06,WEEKLY,superseded]",
            "[2025-01-07,DAILY,superseded]",
            "[2025-01-08,DAILY,loaded]",
            "[2025-01-09,DAILY,superseded]",
            "[2025-01-10,DAILY,loaded]");
  }

  private static void api(Lake lake, String vendor, String date, String landedOn, String units) {
    lake.raw()
        .sales("DAILY", vendor, LocalDate.parse(date), at(landedOn))
        .file(
            Gzip.gzip(
                lines(
                    SALES_HEADER,
                    salesRow("APP1", "1F", units, "0.70", us(date), "USD", 2001L, " "))),
            1)
        .holding(LocalDate.parse(date))
        .land();
  }

  private static void imported(
      Lake lake,
      String granularity,
      String beginDate,
      String fileName,
      String landedOn,
      String usDate,
      String units) {
    String text =
        lines(SALES_HEADER, salesRow("APP1", "1F", units, "0.70", usDate, "USD", 2001L, " "));
    byte[] bytes =
        fileName.endsWith(".gz") ? Gzip.gzip(text) : text.getBytes(StandardCharsets.UTF_8);
    lake.raw()
        .salesImport(granularity, LocalDate.parse(beginDate), fileName, at(landedOn))
        .file(bytes, 1)
        .holding(LocalDate.parse(beginDate))
        .land();
  }

  private static String us(String isoDate) {
    return isoDate.substring(5, 7) + "/" + isoDate.substring(8) + "/" + isoDate.substring(0, 4);
  }

  private static Instant at(String date) {
    return Instant.parse(date + "T06:00:00Z");
  }

  private static List<String> select(Lake lake, String sql, String table) {
    return lake.spark().sql(String.format(sql, lake.table(table))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
