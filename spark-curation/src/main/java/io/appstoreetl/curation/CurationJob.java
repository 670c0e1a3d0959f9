package io.appstoreetl.curation;

import io.appstoreetl.curation.load.DailySummary;
import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark job that recomputes the curated tables' rows of the given metric dates from the raw zone.
 *
 * <p>Run it with {@code spark-submit --class io.appstoreetl.curation.CurationJob <jar> --raw-root
 * <URI or path> --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path> (--dates D1,D2 | --from
 * D1 --to D2 | --changed-since-days N [--today D]) [--tables downloads,engagement,...]
 * [--catalog-name lake] [--database appstore] [--summary-date D] [--legacy-root <folder>]}.
 *
 * <p>Every requested (table, date) is recomputed from all apps' and vendors' units that the date
 * index lists for the date, and replaces that date's rows in one Iceberg commit per table; a date
 * with no winning rows loses its rows. So a re-run of any date gives the same rows (only {@code
 * loaded_at} changes), and a run never touches the rows of other dates. With {@code
 * --changed-since-days N}, the job also recomputes the (table, date) pairs of the last N days whose
 * index names units that {@code load_audit} has not recorded for that date. With {@code
 * --legacy-root}, the old pipeline's {@code appstore/raw/} layout under that folder competes for
 * the dates given explicitly (see {@link io.appstoreetl.curation.raw.LegacyLayout}). It prints rows
 * read, written and rejected per table on stdout, then the summary of {@code --summary-date}; logs
 * go to stderr. Exit code 0 on success, 1 on failure, 2 on invalid arguments.
 */
public final class CurationJob {
  private static final Logger LOG = LoggerFactory.getLogger(CurationJob.class);

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_INVALID_ARGUMENTS = 2;

  private CurationJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the job in a new or the current SparkSession and returns the exit code. */
  static int run(String[] args, PrintStream out) {
    CurationArguments arguments;
    try {
      arguments = CurationArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(CurationArguments.USAGE);
      return EXIT_INVALID_ARGUMENTS;
    }

    SparkSession spark = SparkSessions.create("appstore-etl curation");
    try {
      curate(spark, arguments, out);
      return EXIT_OK;
    } catch (Exception e) {
      LOG.error("Curation failed", e);
      return EXIT_FAILED;
    } finally {
      spark.stop();
    }
  }

  /**
   * Recomputes the requested tables and dates and prints what was loaded to {@code out}.
   *
   * @throws IOException if the raw zone cannot be read
   */
  public static LoadReport curate(SparkSession spark, CurationArguments arguments, PrintStream out)
      throws IOException {
    CurationRun run = new CurationRun(spark, arguments);
    LoadReport report = run.run();

    printLoadReport(report, out);
    if (arguments.summaryDate() != null) {
      IcebergTables tables =
          new IcebergTables(spark, arguments.catalog().name(), arguments.catalog().database());
      out.println();
      out.print(DailySummary.render(DailySummary.compute(spark, tables, arguments.summaryDate())));
    }
    out.flush();

    return report;
  }

  /** Prints one line per table: its metric dates and rows read, written and rejected. */
  private static void printLoadReport(LoadReport report, PrintStream out) {
    Map<String, List<LoadReport.TableDateCounts>> byTable = new LinkedHashMap<>();
    for (String table : Tables.all().stream().map(t -> t.name()).toList()) {
      for (LoadReport.TableDateCounts counts : report.counts()) {
        if (counts.table().equals(table)) {
          byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(counts);
        }
      }
    }

    TextTable table =
        new TextTable(
            List.of("table", "metric_dates", "rows_read", "rows_written", "rows_rejected"));
    for (Map.Entry<String, List<LoadReport.TableDateCounts>> entry : byTable.entrySet()) {
      LoadReport.TableDateCounts totals = report.totalsOf(entry.getKey());
      table.addRow(
          List.of(
              entry.getKey(),
              describeDates(entry.getValue()),
              totals.rowsRead(),
              totals.rowsWritten(),
              totals.rowsRejected()));
    }
    out.print(table.isEmpty() ? "No table was recomputed.\n" : table.render());
    out.println("Rejected rows: " + report.rejectCount());
    for (String note : report.notes()) {
      out.println("Note: " + note);
    }
  }

  private static String describeDates(List<LoadReport.TableDateCounts> counts) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    counts.stream()
        .map(LoadReport.TableDateCounts::metricDate)
        .filter(Objects::nonNull)
        .forEach(dates::add);
    if (dates.isEmpty()) {
      return "-";
    }
    if (dates.size() == 1) {
      return dates.first().toString();
    }

    return dates.first() + ".." + dates.last() + " (" + dates.size() + ")";
  }
}
