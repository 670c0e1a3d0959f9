package io.appstoreetl.sandbox.analytics;

import java.time.LocalDate;

/**
 * A DAILY analytics report instance.
 *
 * @param id instance id, derived from the request, the report and the processing date
 * @param request the request the instance belongs to
 * @param report the report it is an instance of
 * @param processingDate the day Apple made it
 */
public record AnalyticsInstance(
    String id, ReportRequest request, ReportDefinition report, LocalDate processingDate) {

  public static final String GRANULARITY = "DAILY";
}
