package io.appstoreetl.extractor.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Outcome of one app's analytics step: the request it used ({@code null} if none was found), how
 * many of the wanted reports Apple listed, instances landed now or skipped because they had landed
 * before, the errors, and the metric dates of the units landed now.
 */
public record AppResult(
    String appId,
    String requestId,
    int reportsFound,
    int instancesLanded,
    int instancesSkipped,
    List<String> errors,
    SortedSet<LocalDate> touchedMetricDates) {}
