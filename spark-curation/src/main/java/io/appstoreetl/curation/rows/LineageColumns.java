package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.tables.TableDefinition;

/** Sets the columns every table shares and that come from the unit, not from the file. */
final class LineageColumns {

  private LineageColumns() {}

  static void fill(TableDefinition table, FileTask task, SourceRecord record) {
    Object[] values = record.values();
    values[table.indexOf("granularity")] = task.granularity();
    values[table.indexOf("report_variant")] = task.report().variant();
    values[table.indexOf("processing_date")] = task.processingDate();
    values[table.indexOf("source_file")] = task.sourceFile();
    values[table.indexOf("loaded_at")] = task.loadedAt();
    values[table.indexOf("extra_columns")] = record.extraColumns();
  }
}
