package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.raw.ReportKind;
import io.appstoreetl.curation.raw.UnitManifest;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * One raw file to parse, with what its rows inherit from its unit.
 *
 * @param report the report the file belongs to
 * @param unit the manifest of the file's unit
 * @param fileName the file's name inside the unit folder
 * @param expectedMd5 the MD5 (hex) the manifest records for the file, or null
 * @param wonDates the metric dates for which this file's unit supplies the rows; rows of other
 *     dates are dropped
 * @param loadedAt the run's load time, UTC
 * @param appIdsBySku sales: the apps table's app ids by SKU, for in-app purchase rows; empty
 *     otherwise
 */
public record FileTask(
    ReportKind report,
    UnitManifest unit,
    String fileName,
    String expectedMd5,
    Set<LocalDate> wonDates,
    LocalDateTime loadedAt,
    Map<String, Long> appIdsBySku)
    implements Serializable {

  public FileTask {
    wonDates = Set.copyOf(wonDates);
    appIdsBySku = Map.copyOf(appIdsBySku);
  }

  /** Returns the file's raw-zone key, relative to the raw root. */
  public String sourceFile() {
    return unit.unitKey() + fileName;
  }

  /**
   * Returns the {@code processing_date} of the file's rows: analytics, the instance's processing
   * date; Sales and Trends, the report date; finance, the first day of the fiscal month; reviews
   * and apps, the fetch date.
   */
  public LocalDate processingDate() {
    switch (report.source()) {
      case ANALYTICS:
        return unit.processingDate();
      case SALES:
        return unit.reportDate();
      case FINANCE:
        return unit.fiscalMonth().atDay(1);
      default:
        return unit.fetchedDate();
    }
  }
}
