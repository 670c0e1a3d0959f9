package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.curation.rows.FileTask;
import io.appstoreetl.curation.rows.ParseOutcome;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the files of one run and writes the dated tables: for each table, its rows of the
 * recomputed metric dates replace the stored ones in one commit.
 *
 * <p>Rows of files rejected whole are left out. Reviews keep one row per review id, the latest
 * landing's. Search-term rows are summed per table key. A table with no rows for its dates and no
 * stored data files for them is not written at all, so a run does not commit empty snapshots to
 * tables it has nothing for.
 *
 * <p>A table other than reviews and search terms is first written directly: its files are parsed
 * into Spark's internal rows inside the write, read once and never cached. The file summaries and
 * rejected lines travel to the driver beside the write. Two cases fail that write on purpose before
 * it commits: a file rejected whole after it has yielded rows (a broken gzip stream, bytes that are
 * not UTF-8, an MD5 that differs from the manifest's), and a task without rows for a table with
 * nothing stored, which could commit an empty snapshot. The table is then curated the careful way:
 * its parse outcomes are cached, the summaries read from them first, and only then the rows of the
 * files not rejected are written.
 */
public final class DataTableWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataTableWriter.class);

  /** Rejected lines kept for the log and the load report; the rest are only counted. */
  static final int MAX_REJECT_EXAMPLES = 20;

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final RawZone raw;
  private final IcebergTables tables;
  private final boolean java8Dates;

  private final List<LoadReport.TableDateCounts> counts = new ArrayList<>();
  private final List<String> tablesWritten = new ArrayList<>();
  private final Map<String, Long> rowsWrittenByUnit = new HashMap<>();
  private final List<FileSummary> summaries = new ArrayList<>();
  private final List<ParseOutcome> keptRejects = new ArrayList<>();
  private final List<RejectedLine> carefulExamples = new ArrayList<>();
  private final List<JavaRDD<ParseOutcome>> rejectSources = new ArrayList<>();
  private final List<JavaRDD<ParseOutcome>> cached = new ArrayList<>();

  public DataTableWriter(SparkSession spark, RawZone raw, IcebergTables tables) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.raw = raw;
    this.tables = tables;
    this.java8Dates = spark.sessionState().conf().datetimeJava8ApiEnabled();
  }

  /** Parses the tasks' files and writes every table of {@code work}. */
  public void write(Map<TableDefinition, SortedSet<LocalDate>> work, List<FileTask> tasks) {
    Map<String, List<FileTask>> tasksByTable = new LinkedHashMap<>();
    for (FileTask task : tasks) {
      tasksByTable
          .computeIfAbsent(task.report().table().name(), name -> new ArrayList<>())
          .add(task);
    }
    for (Map.Entry<TableDefinition, SortedSet<LocalDate>> entry : work.entrySet()) {
      TableDefinition table = entry.getKey();
      List<FileTask> ofTable = tasksByTable.getOrDefault(table.name(), List.of());
      boolean written =
          table != Tables.REVIEWS
              && table != Tables.SEARCH_TERMS
              && !ofTable.isEmpty()
              && writeDirectly(table, entry.getValue(), ofTable);
      if (ofTable.isEmpty()) {
        writeNothingParsed(table, entry.getValue());
      } else if (!written) {
        writeCarefully(table, entry.getValue(), ofTable);
      }
    }
  }

  /** Returns rows read, written and rejected per table and metric date. */
  public List<LoadReport.TableDateCounts> counts() {
    return counts;
  }

  /**
   * Returns reviews and search terms written per unit key, after deduplication and summing; other
   * tables write the rows they accept.
   */
  public Map<String, Long> rowsWrittenByUnit() {
    return rowsWrittenByUnit;
  }

  /** Returns the tables that got a commit. */
  public List<String> tablesWritten() {
    return tablesWritten;
  }

  /** Returns one summary per parsed file. */
  public List<FileSummary> summaries() {
    return summaries;
  }

  /** Returns the first rejected lines, by file and line, at most {@value #MAX_REJECT_EXAMPLES}. */
  public List<RejectedLine> rejectExamples() {
    return java.util.stream.Stream.concat(
            keptRejects.stream().map(ParseOutcome::reject), carefulExamples.stream())
        .sorted(
            Comparator.comparing(RejectedLine::sourceFile)
                .thenComparingLong(RejectedLine::lineNumber))
        .limit(MAX_REJECT_EXAMPLES)
        .toList();
  }

  /**
   * Returns every rejected line of the parsed files, those of files rejected whole included. Lazy:
   * part of it may parse files again, those with more rejects than a direct write hands over.
   */
  public JavaRDD<ParseOutcome> rejects() {
    JavaRDD<ParseOutcome> all = jsc.parallelize(keptRejects, 1);
    for (JavaRDD<ParseOutcome> source : rejectSources) {
      all = all.union(source);
    }

    return all;
  }

  /** Drops the cached parse outcomes of the tables written the careful way. */
  @Override
  public void close() {
    for (JavaRDD<ParseOutcome> outcomes : cached) {
      outcomes.unpersist(false /* don't block */);
    }
    cached.clear();
  }

  /**
   * Writes a table straight from its files; returns false, with nothing committed, when the table
   * must be written the careful way.
   */
  private boolean writeDirectly(
      TableDefinition table, SortedSet<LocalDate> dates, List<FileTask> ofTable) {
    String name = table.name();
    boolean stored = tables.mayHaveRows(table, "metric_date", dates);
    CollectionAccumulator<FileSummary> summaryAccumulator =
        jsc.sc().collectionAccumulator("file summaries of " + name);
    CollectionAccumulator<ParseOutcome> rejectAccumulator =
        jsc.sc().collectionAccumulator("rejected lines of " + name);
    JavaRDD<InternalRow> rows =
        RawFileParsing.parseRows(
            jsc,
            raw,
            ofTable,
            new InternalRows(SparkSchemas.schema(table)),
            // A table with nothing stored for the dates must not get an empty commit.
            !stored,
            summaryAccumulator,
            rejectAccumulator);
    Dataset<Row> rowsDF =
        spark.internalCreateDataFrame(rows.rdd(), SparkSchemas.schema(table), false);
    try {
      tables.overwriteDates(table, rowsDF, "metric_date", dates);
    } catch (Exception e) {
      // Spark throws its SparkException, a checked exception, without declaring it.
      if (!RawFileParsing.isAbandoned(e)) {
        throw e;
      }
      LOG.info("Writing table {} the careful way: {}", name, e.getMessage());
      return false;
    }
    tablesWritten.add(name);
    LOG.info("Wrote table {} for {} dates", tables.qualifiedName(table), dates.size());

    List<FileSummary> ofFiles = List.copyOf(summaryAccumulator.value());
    List<ParseOutcome> rejects = List.copyOf(rejectAccumulator.value());
    summaries.addAll(ofFiles);
    keptRejects.addAll(rejects);
    Map<String, Long> keptByFile = new HashMap<>();
    rejects.forEach(o -> keptByFile.merge(o.sourceFile(), 1L, Long::sum));
    List<FileTask> moreRejects = new ArrayList<>();
    Map<String, FileTask> tasksByFile = new HashMap<>();
    ofTable.forEach(task -> tasksByFile.put(task.sourceFile(), task));
    for (FileSummary summary : ofFiles) {
      long rejected = summary.rejectsByDate().values().stream().mapToLong(Long::longValue).sum();
      if (!summary.failed() && rejected > keptByFile.getOrDefault(summary.sourceFile(), 0L)) {
        moreRejects.add(tasksByFile.get(summary.sourceFile()));
      }
    }
    if (!moreRejects.isEmpty()) {
      // Those files' rejects were only counted; they are parsed again for the quarantine.
      Set<String> again = new HashSet<>();
      moreRejects.forEach(task -> again.add(task.sourceFile()));
      // Their first rejects stay as examples for the log and the load report.
      keptRejects.stream()
          .filter(o -> again.contains(o.sourceFile()))
          .limit(MAX_REJECT_EXAMPLES)
          .forEach(o -> carefulExamples.add(o.reject()));
      keptRejects.removeIf(o -> again.contains(o.sourceFile()));
      rejectSources.add(
          RawFileParsing.parse(jsc, raw, moreRejects).filter(ParseOutcome::isRejected));
    }

    addCounts(table, dates, new UnitResults(ofFiles).countsByDate(name), null);
    return true;
  }

  /** Empties the table's dates when it has rows stored for them, without a Spark job to parse. */
  private void writeNothingParsed(TableDefinition table, SortedSet<LocalDate> dates) {
    String name = table.name();
    if (!tables.mayHaveRows(table, "metric_date", dates)) {
      LOG.info("Skipping table {}: no rows for {} and none stored", name, dates);
    } else {
      Dataset<Row> rowsDF = spark.createDataFrame(List.<Row>of(), SparkSchemas.schema(table));
      tables.overwriteDates(table, rowsDF, "metric_date", dates);
      tablesWritten.add(name);
      LOG.info("Wrote table {} for {} dates", tables.qualifiedName(table), dates.size());
      if (table == Tables.REVIEWS) {
        ReviewVersions.deleteSuperseded(tables);
      }
    }
    addCounts(table, dates, new HashMap<>(), null);
  }

  /** Caches the table's parse outcomes, reads the summaries, then writes the accepted rows. */
  private void writeCarefully(
      TableDefinition table, SortedSet<LocalDate> dates, List<FileTask> ofTable) {
    String name = table.name();
    JavaRDD<ParseOutcome> outcomes =
        RawFileParsing.parse(jsc, raw, ofTable).persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(outcomes);
    OutcomeTally tally =
        outcomes.aggregate(new OutcomeTally(), OutcomeTally::add, OutcomeTally::merge);
    summaries.addAll(tally.summaries());
    rejectSources.add(outcomes.filter(ParseOutcome::isRejected));
    carefulExamples.addAll(tally.rejectExamples());
    UnitResults results = new UnitResults(tally.summaries());
    Set<String> failed = results.failedFiles();
    Map<LocalDate, long[]> byDate = results.countsByDate(name);
    long accepted =
        byDate.entrySet().stream()
            .filter(e -> e.getKey() != null)
            .mapToLong(e -> e.getValue()[1])
            .sum();

    JavaRDD<Object[]> rows =
        outcomes.filter(o -> o.isRow() && !failed.contains(o.sourceFile())).map(ParseOutcome::row);
    Map<LocalDate, Long> writtenByDate = null;
    if (table == Tables.REVIEWS || table == Tables.SEARCH_TERMS) {
      if (table == Tables.REVIEWS) {
        rows = ReviewVersions.latest(rows);
      } else {
        // Summing shuffles; keep the result for the count and the write.
        rows = SearchTermTotals.sum(rows).persist(StorageLevel.MEMORY_AND_DISK());
      }
      writtenByDate = new HashMap<>();
      for (Map.Entry<String, Long> count : countByDateAndUnit(table, rows).entrySet()) {
        String[] parts = count.getKey().split("\\|", 2);
        writtenByDate.merge(LocalDate.parse(parts[0]), count.getValue(), Long::sum);
        rowsWrittenByUnit.merge(parts[1], count.getValue(), Long::sum);
      }
    }

    if (accepted == 0 && !tables.mayHaveRows(table, "metric_date", dates)) {
      LOG.info("Skipping table {}: no rows for {} and none stored", name, dates);
    } else {
      boolean java8 = java8Dates; // the closure must not capture this writer
      JavaRDD<Row> sparkRows = rows.map(values -> SparkSchemas.toRow(values, java8));
      Dataset<Row> rowsDF = spark.createDataFrame(sparkRows, SparkSchemas.schema(table));
      tables.overwriteDates(table, rowsDF, "metric_date", dates);
      tablesWritten.add(name);
      LOG.info("Wrote table {} for {} dates", tables.qualifiedName(table), dates.size());
      if (table == Tables.REVIEWS) {
        ReviewVersions.deleteSuperseded(tables);
      }
    }

    if (table == Tables.SEARCH_TERMS) {
      rows.unpersist(false /* don't block */);
    }

    addCounts(table, dates, byDate, writtenByDate);
  }

  /** Returns row counts by {@code <metric date>|<unit key>}. */
  private static Map<String, Long> countByDateAndUnit(
      TableDefinition table, JavaRDD<Object[]> rows) {
    int metricDate = table.indexOf("metric_date");
    int sourceFile = table.indexOf("source_file");
    Map<String, Long> counts = new HashMap<>();
    rows.map(row -> row[metricDate] + "|" + AuditRows.folderOf((String) row[sourceFile]))
        .countByValue()
        .forEach((key, count) -> counts.put(key, count));

    return counts;
  }

  private void addCounts(
      TableDefinition table,
      SortedSet<LocalDate> dates,
      Map<LocalDate, long[]> byDate,
      Map<LocalDate, Long> writtenByDate) {
    String name = table.name();
    for (LocalDate date : dates) {
      long[] count = byDate.getOrDefault(date, new long[3]);
      long written = writtenByDate == null ? count[1] : writtenByDate.getOrDefault(date, 0L);
      counts.add(new LoadReport.TableDateCounts(name, date, count[0], written, count[2]));
    }
    long[] undated = byDate.get(null);
    if (undated != null) {
      counts.add(new LoadReport.TableDateCounts(name, null, undated[0], 0, undated[2]));
    }
  }
}
