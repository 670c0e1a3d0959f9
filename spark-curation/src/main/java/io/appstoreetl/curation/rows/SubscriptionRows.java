package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.tables.TableDefinition;
import java.time.LocalDate;

/**
 * Completes SUBSCRIPTION and SUBSCRIPTION_EVENT rows: metric date, territory code, vendor and
 * lineage.
 *
 * <p>A SUBSCRIPTION SUMMARY file has no date column: it is a snapshot of the report date, which
 * becomes every row's metric date. Event rows carry their Event Date.
 */
final class SubscriptionRows {

  private SubscriptionRows() {}

  /** Returns the row of {@code record}, or null when its date is not one the unit wins. */
  static ParseOutcome assemble(FileTask task, SourceRecord record, FileStats stats) {
    TableDefinition table = task.report().table();
    Object[] values = record.values();
    int metricDateIndex = table.indexOf("metric_date");
    LocalDate metricDate =
        task.report() == ReportKind.SUBSCRIPTION_SUMMARY
            ? task.unit().reportDate()
            : (LocalDate) values[metricDateIndex];
    if (!task.wonDates().contains(metricDate)) {
      return null;
    }

    values[metricDateIndex] = metricDate;
    values[table.indexOf("vendor_number")] = task.unit().vendorNumber();
    LineageColumns lineage = stats.lineage();
    lineage.fillTerritoryCode(values, "country", stats);
    lineage.fill(record);

    return ParseOutcome.row(table.name(), lineage.sourceFile(), metricDate, values);
  }
}
