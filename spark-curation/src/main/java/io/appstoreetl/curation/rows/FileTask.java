package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.raw.ReportKind;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * One raw file to parse, with what its rows inherit from its unit.
 *
 * @param report the report the file belongs to
 * @param sourceFile the file's raw-zone key, relative to the raw root
 * @param granularity DAILY, WEEKLY or MONTHLY
 * @param processingDate analytics: the instance's processing date; sales: the report date
 * @param appId analytics: the unit's app; null for sales
 * @param vendorNumber sales fetched from the API: the vendor number; otherwise null
 * @param origin {@code api} or {@code import}
 * @param wonDates the metric dates for which this file's unit supplies the rows; rows of other
 *     dates are dropped
 * @param loadedAt the run's load time, UTC
 */
public record FileTask(
    ReportKind report,
    String sourceFile,
    String granularity,
    LocalDate processingDate,
    Long appId,
    String vendorNumber,
    String origin,
    Set<LocalDate> wonDates,
    LocalDateTime loadedAt)
    implements Serializable {

  public FileTask {
    wonDates = Set.copyOf(wonDates);
  }
}
