package io.appstoreetl.extractor.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Outcome of one app's analytics step: the request it used ({@code null} if none was found), how
 * many of the wanted reports Apple listed, one result per report, what is pending (reports Apple
 * does not list yet, reports without instances yet), and errors outside any one report.
 */
public record AppResult(
    String appId,
    String accessType,
    String requestId,
    int reportsFound,
    List<ReportResult> reports,
    List<String> pending,
    List<String> appErrors) {

  public int instancesLanded() {
    return reports.stream().mapToInt(ReportResult::instancesLanded).sum();
  }

  public int instancesSkipped() {
    return reports.stream().mapToInt(ReportResult::instancesSkipped).sum();
  }

  /** App-level errors, then each report's. */
  public List<String> errors() {
    List<String> all = new ArrayList<>(appErrors);
    reports.forEach(report -> all.addAll(report.errors()));
    return List.copyOf(all);
  }

  public SortedSet<LocalDate> touchedMetricDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    reports.forEach(report -> dates.addAll(report.touchedMetricDates()));
    return dates;
  }

  /** Returns a result with no report, for an app that failed before its reports were known. */
  static AppResult failed(String appId, String accessType, String requestId, String error) {
    return new AppResult(appId, accessType, requestId, 0, List.of(), List.of(), List.of(error));
  }
}
