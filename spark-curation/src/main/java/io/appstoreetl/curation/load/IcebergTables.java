package io.appstoreetl.curation.load;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.TableDefinition;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and writes the curated Iceberg tables of one catalog and database through Spark SQL.
 *
 * <p>Tables are created from their definitions with format version 2, a day partition on {@code
 * metric_date} and zstd Parquet files. An existing table that lacks columns of its definition gets
 * them added as nullable columns.
 */
public final class IcebergTables {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergTables.class);

  private final SparkSession spark;
  private final String catalog;
  private final String database;

  public IcebergTables(SparkSession spark, String catalog, String database) {
    this.spark = spark;
    this.catalog = catalog;
    this.database = database;
  }

  /** Returns the quoted three-part name {@code catalog.database.table}. */
  public String qualifiedName(TableDefinition table) {
    return SparkSchemas.quote(catalog)
        + "."
        + SparkSchemas.quote(database)
        + "."
        + SparkSchemas.quote(table.name());
  }

  public void createNamespace() {
    spark.sql(
        "CREATE NAMESPACE IF NOT EXISTS "
            + SparkSchemas.quote(catalog)
            + "."
            + SparkSchemas.quote(database));
  }

  /** Creates the table if it does not exist, or adds the columns it lacks. */
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
            + partitionTransform(table)
            + ")\nCOMMENT "
            + SparkSchemas.literal(table.doc())
            + "\nTBLPROPERTIES ('format-version' = '2',"
            + " 'write.parquet.compression-codec' = 'zstd')");

    Set<String> existing = new HashSet<>();
    for (StructField field : spark.table(name).schema().fields()) {
      existing.add(field.name().toLowerCase(Locale.ROOT));
    }
    for (Column column : table.columns()) {
      if (!existing.contains(column.name())) {
        // New columns cannot be NOT NULL: the table's earlier rows have no value for them.
        LOG.info("Adding column {} to table {}", column.name(), name);
        spark.sql(
            "ALTER TABLE "
                + name
                + " ADD COLUMN "
                + SparkSchemas.quote(column.name())
                + " "
                + SparkSchemas.dataType(column.type()).sql()
                + " COMMENT "
                + SparkSchemas.literal(column.doc()));
      }
    }
  }

  /**
   * Replaces the table's partitions that {@code rows} touch with {@code rows} (Iceberg dynamic
   * partition overwrite); other partitions keep their rows.
   */
  public void overwritePartitions(TableDefinition table, Dataset<Row> rows) {
    try {
      rows.writeTo(qualifiedName(table)).overwritePartitions();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(
          "Cannot write table " + qualifiedName(table) + ": table not found", e);
    }
  }

  /** Deletes every row whose metric date is one of {@code dates}. */
  public void deleteDates(TableDefinition table, Collection<LocalDate> dates) {
    if (dates.isEmpty()) {
      return;
    }

    spark.sql("DELETE FROM " + qualifiedName(table) + " WHERE " + metricDateIn(dates));
  }

  /** Returns the row count of each of {@code dates}; a date without rows maps to 0. */
  public Map<LocalDate, Long> countByDate(TableDefinition table, Collection<LocalDate> dates) {
    Map<LocalDate, Long> counts = new TreeMap<>();
    dates.forEach(date -> counts.put(date, 0L));
    if (dates.isEmpty()) {
      return counts;
    }

    Dataset<Row> result =
        spark.sql(
            "SELECT metric_date, count(*) FROM "
                + qualifiedName(table)
                + " WHERE "
                + metricDateIn(dates)
                + " GROUP BY metric_date");
    for (Row row : result.collectAsList()) {
      counts.put(toLocalDate(row.get(0)), row.getLong(1));
    }

    return counts;
  }

  static LocalDate toLocalDate(Object value) {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }

    return (LocalDate) value;
  }

  private static String metricDateIn(Collection<LocalDate> dates) {
    return "metric_date IN ("
        + dates.stream().map(date -> "DATE '" + date + "'").collect(Collectors.joining(", "))
        + ")";
  }

  private static String partitionTransform(TableDefinition table) {
    switch (table.partition().transform()) {
      case DAY:
        return "days(" + SparkSchemas.quote(table.partition().sourceColumn()) + ")";
      default:
        throw new IllegalStateException(
            "[BUG] No Iceberg transform for " + table.partition().transform());
    }
  }
}
