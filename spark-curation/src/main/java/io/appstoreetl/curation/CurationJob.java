package io.appstoreetl.curation;

import io.appstoreetl.curation.load.CandidateUnits;
import io.appstoreetl.curation.load.DailySummary;
import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.LoadReport;
import io.appstoreetl.curation.load.OutcomeTally;
import io.appstoreetl.curation.load.RawFileParsing;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.SelectedUnit;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.curation.raw.UnitSelector;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark job that recomputes the curated tables' rows of the given metric dates from the raw zone.
 *
 * <p>Run it with {@code spark-submit --class io.appstoreetl.curation.CurationJob <jar> --raw-root
 * <URI or path> --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path> --dates D1,D2 [--from D1
 * --to D2] [--tables downloads,engagement,sales] [--catalog-name lake] [--database appstore]
 * [--summary-date D]}.
 *
 * <p>Every requested date is recomputed from all apps' units that the date index lists for it, and
 * written with Iceberg dynamic partition overwrite; a requested date with no winning rows has its
 * rows deleted. So a re-run of any date gives the same rows (only {@code loaded_at} changes), and a
 * run never touches the rows of other dates. Per table and date it prints rows read, written and
 * rejected on stdout, then the summary of {@code --summary-date}; logs go to stderr. Exit code 0 on
 * success, 1 on failure, 2 on invalid arguments.
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
    SparkSessions.configureCatalog(spark, arguments.catalog());
    IcebergTables tables =
        new IcebergTables(spark, arguments.catalog().name(), arguments.catalog().database());
    createTables(tables);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    RawZone raw = RawZone.at(arguments.rawRoot(), spark.sparkContext().hadoopConfiguration());
    Map<LocalDate, List<UnitManifest>> candidates =
        CandidateUnits.read(jsc, raw, arguments.dates());
    List<SelectedUnit> winners = selectUnits(candidates, arguments.tables());

    LocalDateTime loadedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    List<FileTask> tasks = RawFileParsing.fileTasks(winners, loadedAt);
    LOG.info("Parsing {} files of {} winning units", tasks.size(), winners.size());
    JavaRDD<ParseOutcome> outcomes =
        RawFileParsing.parse(jsc, raw, tasks).persist(StorageLevel.MEMORY_AND_DISK());
    LoadReport report;
    try {
      OutcomeTally tally =
          outcomes.aggregate(new OutcomeTally(), OutcomeTally::add, OutcomeTally::merge);
      logRejects(tally);
      report = writeTables(spark, tables, outcomes, tally, arguments);
    } finally {
      outcomes.unpersist(false /* don't block */);
    }

    printLoadReport(report, out);
    if (arguments.summaryDate() != null) {
      out.println();
      out.print(DailySummary.render(DailySummary.compute(spark, tables, arguments.summaryDate())));
    }
    out.flush();

    return report;
  }

  private static void createTables(IcebergTables tables) {
    tables.createNamespace();
    // All tables, not only the requested ones, so that the summary and queries find them.
    for (TableDefinition table : Tables.all()) {
      tables.createOrEvolve(table);
    }
  }

  private static List<SelectedUnit> selectUnits(
      Map<LocalDate, List<UnitManifest>> candidates, List<TableDefinition> requestedTables) {
    Map<LocalDate, List<UnitManifest>> requested = new HashMap<>();
    candidates.forEach(
        (date, units) ->
            requested.put(
                date,
                units.stream()
                    .filter(unit -> unit.kind().isPresent())
                    .filter(unit -> requestedTables.contains(unit.kind().get().table()))
                    .toList()));

    List<SelectedUnit> winners = UnitSelector.select(requested);
    for (SelectedUnit unit : winners) {
      LOG.debug("Unit {} wins {}", unit.manifest().unitKey(), unit.wonDates());
    }

    return winners;
  }

  private static LoadReport writeTables(
      SparkSession spark,
      IcebergTables tables,
      JavaRDD<ParseOutcome> outcomes,
      OutcomeTally tally,
      CurationArguments arguments) {
    SortedSet<LocalDate> dates = arguments.dates();
    boolean java8Dates = spark.sessionState().conf().datetimeJava8ApiEnabled();
    List<LoadReport.TableDateCounts> counts = new ArrayList<>();
    long rejectCount = 0;

    for (TableDefinition table : arguments.tables()) {
      String name = table.name();
      JavaRDD<Row> rows =
          outcomes
              .filter(outcome -> !outcome.isRejected() && outcome.table().equals(name))
              .map(outcome -> SparkSchemas.toRow(outcome.row(), java8Dates));
      Dataset<Row> rowsDF = spark.createDataFrame(rows, SparkSchemas.schema(table));
      tables.overwritePartitions(table, rowsDF);

      List<LocalDate> datesWithoutRows =
          dates.stream().filter(date -> tally.rows(name, date) == 0).toList();
      tables.deleteDates(table, datesWithoutRows);

      Map<LocalDate, Long> written = tables.countByDate(table, dates);
      for (LocalDate date : dates) {
        long rejected = tally.rejects(name, date);
        counts.add(
            new LoadReport.TableDateCounts(
                name, date, tally.rows(name, date) + rejected, written.get(date), rejected));
        rejectCount += rejected;
      }
      long undated = tally.rejects(name, null);
      if (undated > 0) {
        counts.add(new LoadReport.TableDateCounts(name, null, undated, 0, undated));
        rejectCount += undated;
      }
      LOG.info("Wrote table {} for {} dates", tables.qualifiedName(table), dates.size());
    }

    return new LoadReport(counts, rejectCount, tally.rejectExamples());
  }

  private static void logRejects(OutcomeTally tally) {
    for (RejectedLine reject : tally.rejectExamples()) {
      LOG.warn("Rejected {}", reject.describe());
    }
    long notLogged = tally.totalRejects() - tally.rejectExamples().size();
    if (notLogged > 0) {
      LOG.warn("Rejected {} more lines, not logged one by one", notLogged);
    }
  }

  private static void printLoadReport(LoadReport report, PrintStream out) {
    TextTable table =
        new TextTable(
            List.of("table", "metric_date", "rows_read", "rows_written", "rows_rejected"));
    for (LoadReport.TableDateCounts counts : report.counts()) {
      table.addRow(
          List.of(
              counts.table(),
              counts.metricDate() == null ? "unknown" : counts.metricDate().toString(),
              counts.rowsRead(),
              counts.rowsWritten(),
              counts.rowsRejected()));
    }
    out.print(table.render());
    out.println("Rejected rows: " + report.rejectCount());
  }
}
