package io.appstoreetl.curation.load;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.PartitionField;
import io.appstoreetl.tables.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and writes the curated Iceberg tables of one catalog and database through Spark SQL.
 *
 * <p>Tables are created from their definitions with format version 2, the definition's partition
 * fields and zstd Parquet files. An existing table that lacks columns of its definition gets them
 * added as nullable columns at their place in the definition. Iceberg adds a column by changing
 * metadata only, so existing data files are not rewritten and their rows read the new column as
 * null.
 */
public final class IcebergTables {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergTables.class);
  private static final String SOURCE_FILE = "source_file";
  private static final String SOURCE_FILE_STATISTICS =
      "write.parquet.stats-enabled.column." + SOURCE_FILE;

  private final SparkSession spark;
  private final String catalog;
  private final String database;

  public IcebergTables(SparkSession spark, String catalog, String database) {
    this.spark = spark;
    this.catalog = catalog;
    this.database = database;
  }

  public SparkSession spark() {
    return spark;
  }

  /** Returns the quoted three-part name {@code catalog.database.table}. */
  public String qualifiedName(TableDefinition table) {
    return qualifiedName(table.name());
  }

  /** Returns the quoted three-part name of the table called {@code name}. */
  public String qualifiedName(String name) {
    return SparkSchemas.quote(catalog)
        + "."
        + SparkSchemas.quote(database)
        + "."
        + SparkSchemas.quote(name);
  }

  public void createNamespace() {
    spark.sql(
        "CREATE NAMESPACE IF NOT EXISTS "
            + SparkSchemas.quote(catalog)
            + "."
            + SparkSchemas.quote(database));
  }

  /**
   * Creates the table if it does not exist, or adds the columns it lacks, each after the column
   * that precedes it in the definition.
   */
  public void createOrEvolve(TableDefinition table) {
    String name = qualifiedName(table);
    String columns =
        table.columns().stream().map(SparkSchemas::columnDdl).collect(Collectors.joining(",\n  "));
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " (\n  "
            + columns
            + ")\nUSING iceberg\nPARTITIONED BY ("
            + table.partitionFields().stream()
                .map(IcebergTables::partitionTransform)
                .collect(Collectors.joining(", "))
            + ")\nCOMMENT "
            + SparkSchemas.literal(table.doc())
            + "\nTBLPROPERTIES ('format-version' = '2',"
            + " 'write.parquet.compression-codec' = 'zstd')");
    if (table.columns().stream().anyMatch(column -> column.name().equals(SOURCE_FILE))) {
      skipSourceFileStatistics(table);
    }

    Set<String> existing = new HashSet<>();
    for (StructField field : spark.table(name).schema().fields()) {
      existing.add(field.name().toLowerCase(Locale.ROOT));
    }
    List<Column> definition = table.columns();
    for (int i = 0; i < definition.size(); i++) {
      Column column = definition.get(i);
      if (existing.contains(column.name())) {
        continue;
      }
      // New columns cannot be NOT NULL: the table's earlier rows have no value for them.
      String position =
          i == 0 ? " FIRST" : " AFTER " + SparkSchemas.quote(definition.get(i - 1).name());
      LOG.info("Adding column {} to table {}", column.name(), name);
      spark.sql(
          "ALTER TABLE "
              + name
              + " ADD COLUMN "
              + SparkSchemas.quote(column.name())
              + " "
              + SparkSchemas.dataType(column.type()).sql()
              + " COMMENT "
              + SparkSchemas.literal(column.doc())
              + position);
      existing.add(column.name());
    }
  }

  /**
   * Turns off Parquet's min and max statistics of {@code source_file}, in new and existing tables.
   * The column contains one long key per file, the same on every row, and its statistics cost a
   * byte-by-byte comparison per row. That was about a twentieth of the time of curating one large
   * day (docs/benchmarks.md). A lineage query that filters on it reads every file of the partitions
   * it selects.
   */
  private void skipSourceFileStatistics(TableDefinition table) {
    Table iceberg = icebergTable(table);
    if ("false".equals(iceberg.properties().get(SOURCE_FILE_STATISTICS))) {
      return;
    }
    iceberg.updateProperties().set(SOURCE_FILE_STATISTICS, "false").commit();
  }

  /**
   * Replaces, in one commit, the table's rows whose {@code dateColumn} is one of {@code dates} with
   * {@code rows}; rows of other dates are kept.
   *
   * <p>The condition must select whole partitions (the table is partitioned by day of {@code
   * dateColumn}), because Iceberg replaces data files, not rows.
   *
   * <p>The rows are written without Iceberg's default hash distribution by partition, because it
   * shuffles every row and then leaves all rows of one date to a single task, so a run of one large
   * day would write on one core. Each task instead writes its own rows, with one file for each date
   * it has rows of (more when a file reaches the table's target file size).
   */
  public void overwriteDates(
      TableDefinition table, Dataset<Row> rows, String dateColumn, Collection<LocalDate> dates) {
    try {
      rows.writeTo(qualifiedName(table))
          .option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName())
          // Rows reach a task in file order, not grouped by date, so it keeps a file open per date.
          .option(SparkWriteOptions.FANOUT_ENABLED, "true")
          .overwrite(org.apache.spark.sql.functions.expr(dateIn(dateColumn, dates)));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(
          "Cannot write table " + qualifiedName(table) + ": table not found", e);
    }
  }

  /**
   * Replaces, in one commit, the table's rows that match the Spark SQL {@code condition} with
   * {@code rows}; the condition must select whole partitions.
   */
  public void overwrite(TableDefinition table, Dataset<Row> rows, String condition) {
    try {
      rows.writeTo(qualifiedName(table)).overwrite(org.apache.spark.sql.functions.expr(condition));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(
          "Cannot write table " + qualifiedName(table) + ": table not found", e);
    }
  }

  /** Appends {@code rows} to the table. */
  public void append(TableDefinition table, Dataset<Row> rows) {
    try {
      rows.writeTo(qualifiedName(table)).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(
          "Cannot write table " + qualifiedName(table) + ": table not found", e);
    }
  }

  /** Deletes the rows matching the Spark SQL {@code condition}. */
  public void delete(TableDefinition table, String condition) {
    spark.sql("DELETE FROM " + qualifiedName(table) + " WHERE " + condition);
  }

  /**
   * True when the table has data files that may contain rows of {@code dates} in {@code
   * dateColumn}. Decided from Iceberg's metadata on the driver, without a Spark job.
   */
  public boolean mayHaveRows(
      TableDefinition table, String dateColumn, Collection<LocalDate> dates) {
    Table iceberg = icebergTable(table);
    if (iceberg.currentSnapshot() == null || dates.isEmpty()) {
      return false;
    }

    Expression filter =
        Expressions.in(dateColumn, dates.stream().map(LocalDate::toString).toArray());
    try (CloseableIterable<FileScanTask> files = iceberg.newScan().filter(filter).planFiles()) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan a scan of " + qualifiedName(table), e);
    }
  }

  /** Returns the Iceberg table behind a definition, freshly loaded from the catalog. */
  public Table icebergTable(TableDefinition table) {
    try {
      Table iceberg =
          Spark3Util.loadIcebergTable(spark, catalog + "." + database + "." + table.name());
      iceberg.refresh();
      return iceberg;
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("Cannot load table " + qualifiedName(table), e);
    }
  }

  /** Returns the Spark SQL condition {@code column IN (DATE '...', ...)}. */
  public static String dateIn(String column, Collection<LocalDate> dates) {
    if (dates.isEmpty()) {
      return "false";
    }

    return SparkSchemas.quote(column)
        + " IN ("
        + dates.stream().map(date -> "DATE '" + date + "'").collect(Collectors.joining(", "))
        + ")";
  }

  /** Returns {@code value} as a Spark SQL string literal list {@code ('a', 'b')}. */
  public static String stringList(Collection<String> values) {
    return "(" + values.stream().map(SparkSchemas::literal).collect(Collectors.joining(", ")) + ")";
  }

  static LocalDate toLocalDate(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }

    return (LocalDate) value;
  }

  private static String partitionTransform(PartitionField field) {
    switch (field.transform()) {
      case DAY:
        return "days(" + SparkSchemas.quote(field.sourceColumn()) + ")";
      case IDENTITY:
        return SparkSchemas.quote(field.sourceColumn());
      default:
        throw new IllegalStateException("[BUG] No Iceberg transform for " + field.transform());
    }
  }
}
