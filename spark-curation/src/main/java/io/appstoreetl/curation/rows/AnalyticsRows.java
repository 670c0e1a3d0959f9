package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.tables.TableDefinition;
import java.time.LocalDate;

/** Completes Analytics Reports rows with their territory code and the unit's lineage. */
final class AnalyticsRows {

  private AnalyticsRows() {}

  /**
   * Returns the table row of {@code record}, a reject when its app is not the unit's app, or null
   * when its date is not one that the unit wins.
   */
  static ParseOutcome assemble(FileTask task, SourceRecord record, FileStats stats) {
    TableDefinition table = task.report().table();
    Object[] values = record.values();
    LocalDate metricDate = (LocalDate) values[table.indexOf("metric_date")];
    if (!task.wonDates().contains(metricDate)) {
      return null;
    }

    Long appId = (Long) values[table.indexOf("app_apple_id")];
    if (!appId.equals(task.unit().appId())) {
      // A unit is chosen per app, so a row of another app would be counted under the wrong app.
      RejectedLine reject =
          new RejectedLine(
              stats.lineage().sourceFile(),
              record.lineNumber(),
              metricDate,
              "Invalid App Apple Identifier: "
                  + appId
                  + " (expected "
                  + task.unit().appId()
                  + ", the app of the report instance)",
              record.line());
      return ParseOutcome.rejected(table.name(), reject);
    }

    LineageColumns lineage = stats.lineage();
    lineage.fillTerritoryCode(values, "territory", stats);
    lineage.fill(record);

    return ParseOutcome.row(table.name(), lineage.sourceFile(), metricDate, values);
  }
}
