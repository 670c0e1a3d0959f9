package io.appstoreetl.curation.load;

import io.appstoreetl.curation.rows.ParseOutcome;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dated tables of one run: for each table, its rows of the recomputed metric dates
 * replace the stored ones in one commit.
 *
 * <p>Rows of files rejected whole are left out. Reviews keep one row per review id, the latest
 * landing's. Search-term rows are summed per table key. A table with no rows for its dates and no
 * stored data files for them is not written at all, so a run does not commit empty snapshots to
 * tables it has nothing for.
 */
public final class DataTableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DataTableWriter.class);

  /**
   * The outcome of the writes.
   *
   * @param counts rows read, written and rejected per table and metric date
   * @param rowsWrittenByUnit reviews and search terms written per unit key, after deduplication and
   *     summing; other tables write the rows they accept
   * @param tablesWritten the tables that got a commit
   */
  public record Result(
      List<LoadReport.TableDateCounts> counts,
      Map<String, Long> rowsWrittenByUnit,
      List<String> tablesWritten) {}

  private DataTableWriter() {}

  /** Writes every table of {@code work} from the parse outcomes of the run. */
  public static Result write(
      SparkSession spark,
      IcebergTables tables,
      Map<TableDefinition, SortedSet<LocalDate>> work,
      JavaRDD<ParseOutcome> outcomes,
      UnitResults results) {
    boolean java8Dates = spark.sessionState().conf().datetimeJava8ApiEnabled();
    Set<String> failed = results.failedFiles();
    List<LoadReport.TableDateCounts> counts = new ArrayList<>();
    List<String> tablesWritten = new ArrayList<>();
    Map<String, Long> rowsWrittenByUnit = new HashMap<>();
    for (Map.Entry<TableDefinition, SortedSet<LocalDate>> entry : work.entrySet()) {
      TableDefinition table = entry.getKey();
      SortedSet<LocalDate> dates = entry.getValue();
      String name = table.name();
      Map<LocalDate, long[]> byDate = results.countsByDate(name);
      long accepted =
          byDate.entrySet().stream()
              .filter(e -> e.getKey() != null)
              .mapToLong(e -> e.getValue()[1])
              .sum();

      JavaRDD<Object[]> rows =
          outcomes
              .filter(o -> o.isRow() && o.table().equals(name) && !failed.contains(o.sourceFile()))
              .map(ParseOutcome::row);
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
        JavaRDD<Row> sparkRows = rows.map(values -> SparkSchemas.toRow(values, java8Dates));
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

    return new Result(counts, rowsWrittenByUnit, tablesWritten);
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
}
