package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades a table created by the previous definition of {@code downloads}, which had no {@code
 * territory_code}, to the current one.
 */
class SchemaEvolutionTest {
  private static final long APP = 1000000001L;

  @TempDir Path folder;

  private static final String SOURCE_FILE_STATISTICS =
      "write.parquet.stats-enabled.column.source_file";

  @Test
  void addedColumnEvolvesTableInPlace() {
    Lake lake = new Lake(folder);
    SparkSession spark = lake.spark();
    SparkSessions.configureCatalog(
        spark,
        new CatalogOptions(
            lake.catalogName(),
            lake.catalogArguments().get(1),
            lake.catalogArguments().get(3),
            "appstore"));
    IcebergTables tables = new IcebergTables(spark, lake.catalogName(), "appstore");
    tables.createNamespace();
    TableDefinition previous = previousDownloads();
    tables.createOrEvolve(previous);
    // A table created before source_file's statistics were turned off.
    tables.icebergTable(previous).updateProperties().remove(SOURCE_FILE_STATISTICS).commit();
    tables.append(
        previous, spark.createDataFrame(List.of(oldRow(previous)), SparkSchemas.schema(previous)));
    List<String> filesBefore = dataFiles(lake);
    long snapshotBefore = tables.icebergTable(Tables.DOWNLOADS).currentSnapshot().snapshotId();

    tables.createOrEvolve(Tables.DOWNLOADS);

    assertThat(tables.icebergTable(Tables.DOWNLOADS).properties())
        .containsEntry(SOURCE_FILE_STATISTICS, "false");
    assertThat(spark.table(lake.table("downloads")).schema().fieldNames())
        .containsExactlyElementsOf(Tables.DOWNLOADS.columnNames());
    assertThat(tables.icebergTable(Tables.DOWNLOADS).currentSnapshot().snapshotId())
        .as("adding a column commits no new snapshot")
        .isEqualTo(snapshotBefore);
    assertThat(dataFiles(lake)).as("data files after the upgrade").isEqualTo(filesBefore);
    assertThat(
            select(
                lake, "SELECT metric_date, territory, territory_code, counts, source_file FROM %s"))
        .containsExactly("[2025-01-06,Japan,null,5,old/segment.gz]");

    lake.raw()
        .analytics(
            "app_downloads_standard",
            "DAILY",
            APP,
            LocalDate.of(2025, 1, 8),
            "i-1",
            Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Japan", 7))),
            1)
        .holding(LocalDate.of(2025, 1, 7))
        .land();
    lake.curate("--dates", "2025-01-07", "--tables", "downloads");

    assertThat(
            select(
                lake,
                "SELECT metric_date, territory, territory_code, counts FROM %s ORDER BY metric_date"))
        .containsExactly("[2025-01-06,Japan,null,5]", "[2025-01-07,Japan,JP,7]");
    assertThat(dataFiles(lake)).as("the old day's file is untouched").containsAll(filesBefore);
    assertThat(sourceFileBounds(tables))
        .as("source_file bounds per metric date: the old file has them, the new one not")
        .containsExactly("2025-01-06=true", "2025-01-07=false");
  }

  /** Returns, per data file, its metric date and whether it has bounds of source_file. */
  private static List<String> sourceFileBounds(IcebergTables tables) {
    Table table = tables.icebergTable(Tables.DOWNLOADS);
    int sourceFileId = table.schema().findField("source_file").fieldId();
    List<String> bounds = new ArrayList<>();
    try (CloseableIterable<FileScanTask> files = table.newScan().includeColumnStats().planFiles()) {
      for (FileScanTask file : files) {
        bounds.add(
            file.file().partition().get(0, Integer.class)
                + "="
                + file.file().lowerBounds().containsKey(sourceFileId));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bounds.replaceAll(
        entry -> {
          int days = Integer.parseInt(entry.substring(0, entry.indexOf('=')));
          return LocalDate.ofEpochDay(days) + entry.substring(entry.indexOf('='));
        });
    bounds.sort(null);
    return bounds;
  }

  /** Returns downloads as defined before territory_code was added. */
  private static TableDefinition previousDownloads() {
    TableDefinition current = Tables.DOWNLOADS;
    List<Column> columns = new ArrayList<>(current.columns());
    columns.removeIf(column -> column.name().equals("territory_code"));

    return TableDefinition.builder(current.name())
        .doc(current.doc())
        .columns(columns)
        .partition(current.partitionFields().toArray(io.appstoreetl.tables.PartitionField[]::new))
        .keyColumns(current.keyColumns().toArray(String[]::new))
        .build();
  }

  private static Row oldRow(TableDefinition previous) {
    Object[] values = new Object[previous.columns().size()];
    values[previous.indexOf("app_apple_id")] = APP;
    values[previous.indexOf("metric_date")] = LocalDate.of(2025, 1, 6);
    values[previous.indexOf("granularity")] = "DAILY";
    values[previous.indexOf("territory")] = "Japan";
    values[previous.indexOf("counts")] = 5L;
    values[previous.indexOf("report_variant")] = "Standard";
    values[previous.indexOf("processing_date")] = LocalDate.of(2025, 1, 7);
    values[previous.indexOf("source_file")] = "old/segment.gz";
    values[previous.indexOf("loaded_at")] = LocalDateTime.of(2025, 1, 7, 6, 0);
    values[previous.indexOf("extra_columns")] = Map.of();
    return SparkSchemas.toRow(values, true /* java8 dates */);
  }

  private static List<String> dataFiles(Lake lake) {
    return lake
        .spark()
        .sql("SELECT file_path FROM " + lake.table("downloads") + ".files ORDER BY 1")
        .collectAsList()
        .stream()
        .map(row -> row.getString(0))
        .toList();
  }

  private static List<String> select(Lake lake, String sql) {
    return lake.spark().sql(String.format(sql, lake.table("downloads"))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
