package io.appstoreetl.curation.load;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.rows.FileSummary;
import io.appstoreetl.curation.rows.ParseOutcome;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Replaces the {@code quarantine} rows of what one run recomputed.
 *
 * <p>The run first names the scopes it recomputes ({@link #replaceRejectsOf}, {@link
 * #replaceWhere}); {@link #write} deletes the stored rows of those scopes and appends the run's
 * rejects: the rejected lines of the parsed files, one row per file rejected whole (line 0), and
 * the rejects found on the driver. Rerunning the same scopes therefore leaves one row per reject.
 * Not thread-safe.
 */
public final class QuarantineWriter {
  private final List<String> scopes = new ArrayList<>();
  private final List<Map.Entry<String, RejectedLine>> driverRejects = new ArrayList<>();

  /**
   * Names a table's recomputed dates as a scope: its rejects of those dates, and its undated
   * rejects of the given units.
   */
  public void replaceRejectsOf(
      TableDefinition table, Collection<LocalDate> dates, Collection<String> unitKeys) {
    String undated =
        unitKeys.isEmpty()
            ? ""
            : " OR (metric_date IS NULL AND unit_key IN "
                + IcebergTables.stringList(unitKeys)
                + ")";
    scopes.add(
        "table_name = "
            + SparkSchemas.literal(table.name())
            + " AND ("
            + IcebergTables.dateIn("metric_date", dates)
            + undated
            + ")");
  }

  /** Names the rows matching a Spark SQL condition as a scope. */
  public void replaceWhere(String condition) {
    scopes.add(condition);
  }

  /** Adds a reject found outside the Spark tasks, for the given table. */
  public void addReject(String table, RejectedLine reject) {
    driverRejects.add(Map.entry(table, reject));
  }

  /**
   * Deletes the stored rows of the scopes and appends this run's rejects: {@code rejects} contains
   * the rejected lines of the parsed files, from which those of files rejected whole are dropped.
   */
  public void write(
      IcebergTables tables,
      JavaRDD<ParseOutcome> rejects,
      UnitResults results,
      String runId,
      LocalDateTime loadedAt) {
    SparkSession spark = tables.spark();
    for (FileSummary summary : results.summaries()) {
      if (summary.failed()) {
        addReject(
            summary.table(),
            new RejectedLine(summary.sourceFile(), 0, null, summary.failure(), null));
      }
    }

    if (!scopes.isEmpty() && tables.icebergTable(Tables.QUARANTINE).currentSnapshot() != null) {
      tables.delete(
          Tables.QUARANTINE,
          String.join(" OR ", scopes.stream().map(scope -> "(" + scope + ")").toList()));
    }

    Set<String> failed = results.failedFiles();
    JavaRDD<Object[]> lineRejects =
        rejects
            .filter(o -> o.isRejected() && !failed.contains(o.sourceFile()))
            .map(
                o ->
                    AuditRows.quarantine(
                        o.table(),
                        o.reject(),
                        AuditRows.folderOf(o.sourceFile()),
                        runId,
                        loadedAt));
    List<Object[]> otherRejects = new ArrayList<>();
    for (Map.Entry<String, RejectedLine> reject : driverRejects) {
      otherRejects.add(
          AuditRows.quarantine(
              reject.getKey(),
              reject.getValue(),
              AuditRows.folderOf(reject.getValue().sourceFile()),
              runId,
              loadedAt));
    }
    long lineRejectCount =
        results.summaries().stream()
            .filter(summary -> !summary.failed())
            .flatMap(summary -> summary.rejectsByDate().values().stream())
            .mapToLong(Long::longValue)
            .sum();
    if (otherRejects.isEmpty() && lineRejectCount == 0) {
      return;
    }

    boolean java8Dates = spark.sessionState().conf().datetimeJava8ApiEnabled();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Object[]> all = lineRejects.union(jsc.parallelize(otherRejects, 1));
    Dataset<Row> rejectsDF =
        spark.createDataFrame(
            all.map(values -> SparkSchemas.toRow(values, java8Dates)),
            SparkSchemas.schema(Tables.QUARANTINE));
    tables.append(Tables.QUARANTINE, rejectsDF);
  }
}
