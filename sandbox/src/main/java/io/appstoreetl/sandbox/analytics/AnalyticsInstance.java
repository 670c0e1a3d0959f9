package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.Granularity;
import java.time.LocalDate;

/**
 * An analytics report instance.
 *
 * @param id instance id, which encodes the request, the report, the granularity and the date
 * @param request the request the instance belongs to
 * @param report the report it is an instance of
 * @param granularity DAILY, WEEKLY or MONTHLY
 * @param processingDate the day Apple made it
 */
public record AnalyticsInstance(
    String id,
    ReportRequest request,
    ReportDefinition report,
    Granularity granularity,
    LocalDate processingDate) {}
