package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.tables.TableDefinition;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Sets the columns every report table shares and that come from the unit, not from the file. One
 * instance serves the rows of one file: it finds the columns and builds the file's values once,
 * because a large day has millions of rows and these values are the same on all of them.
 */
final class LineageColumns {
  private final TableDefinition table;
  private final String sourceFile;
  private final String granularity;
  private final String reportVariant;
  private final LocalDate processingDate;
  private final LocalDateTime loadedAt;
  private final int granularityIndex;
  private final int reportVariantIndex;
  private final int processingDateIndex;
  private final int sourceFileIndex;
  private final int loadedAtIndex;
  private final int extraColumnsIndex;
  private String territoryColumn;
  private int territoryIndex;
  private int territoryCodeIndex;

  LineageColumns(FileTask task) {
    table = task.report().table();
    sourceFile = task.sourceFile();
    granularity = task.unit().granularity();
    reportVariant = task.report().variant();
    processingDate = task.processingDate();
    loadedAt = task.loadedAt();
    granularityIndex = table.indexOf("granularity");
    reportVariantIndex = table.indexOf("report_variant");
    processingDateIndex = table.indexOf("processing_date");
    sourceFileIndex = table.indexOf("source_file");
    loadedAtIndex = table.indexOf("loaded_at");
    extraColumnsIndex = table.indexOf("extra_columns");
  }

  /** Returns the file's raw-zone key, relative to the raw root. */
  String sourceFile() {
    return sourceFile;
  }

  void fill(SourceRecord record) {
    Object[] values = record.values();
    values[granularityIndex] = granularity;
    values[reportVariantIndex] = reportVariant;
    values[processingDateIndex] = processingDate;
    values[sourceFileIndex] = sourceFile;
    values[loadedAtIndex] = loadedAt;
    values[extraColumnsIndex] = record.extraColumns();
  }

  /**
   * Sets {@code territory_code} from the territory column {@code territoryColumn}, which is the
   * same for every row of the file.
   */
  void fillTerritoryCode(Object[] values, String territoryColumn, FileStats stats) {
    if (!territoryColumn.equals(this.territoryColumn)) {
      territoryIndex = table.indexOf(territoryColumn);
      territoryCodeIndex = table.indexOf("territory_code");
      this.territoryColumn = territoryColumn;
    }
    values[territoryCodeIndex] = stats.territoryCode((String) values[territoryIndex]);
  }
}
