package io.appstoreetl.extractor.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Outcome of one analytics report of one app: instances landed now, skipped because they had landed
 * before, whether Apple lists no instance of it yet (pending), the errors and the metric dates of
 * the units landed now.
 */
public record ReportResult(
    String report,
    String reportId,
    List<String> granularities,
    int instancesLanded,
    int instancesSkipped,
    boolean pending,
    List<String> errors,
    SortedSet<LocalDate> touchedMetricDates) {}
