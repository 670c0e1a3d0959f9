package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.tables.TableDefinition;

/** Sets the columns every report table shares and that come from the unit, not from the file. */
final class LineageColumns {

  private LineageColumns() {}

  static void fill(TableDefinition table, FileTask task, SourceRecord record) {
    Object[] values = record.values();
    values[table.indexOf("granularity")] = task.unit().granularity();
    values[table.indexOf("report_variant")] = task.report().variant();
    values[table.indexOf("processing_date")] = task.processingDate();
    values[table.indexOf("source_file")] = task.sourceFile();
    values[table.indexOf("loaded_at")] = task.loadedAt();
    values[table.indexOf("extra_columns")] = record.extraColumns();
  }

  /** Sets {@code territory_code} from the territory column {@code territoryColumn}. */
  static void fillTerritoryCode(
      TableDefinition table, Object[] values, String territoryColumn, FileStats stats) {
    String territory = (String) values[table.indexOf(territoryColumn)];
    values[table.indexOf("territory_code")] = stats.territoryCode(territory);
  }
}
