package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.analytics.ReportCatalog;
import io.appstoreetl.sandbox.analytics.ReportDefinition;
import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.sales.SalesData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The ground truth, computed by the same generators that write the files. */
final class SandboxGroundTruth implements GroundTruth {

  private final AppCatalog apps;
  private final AnalyticsData analytics;
  private final SalesData sales;
  private final InstanceCalendar calendar;
  private final LocalDate historyStart;
  private final Supplier<LocalDate> today;

  SandboxGroundTruth(
      AppCatalog apps,
      AnalyticsData analytics,
      SalesData sales,
      InstanceCalendar calendar,
      LocalDate historyStart,
      Supplier<LocalDate> today) {
    this.apps = apps;
    this.analytics = analytics;
    this.sales = sales;
    this.calendar = calendar;
    this.historyStart = historyStart;
    this.today = today;
  }

  @Override
  public List<Map<String, String>> analyticsRows(
      String appId, String reportName, LocalDate metricDate) {
    SandboxApp app =
        apps.find(appId)
            .orElseThrow(
                () -> new IllegalArgumentException("Invalid appId: " + appId + " (no such app)"));
    ReportDefinition report =
        ReportCatalog.byName(reportName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Invalid reportName: "
                            + reportName
                            + " (expected a name of Apple's"
                            + " analytics catalogue, such as App Downloads Standard)"));
    if (report.kind() == null) {
      return List.of();
    }
    Optional<LocalDate> processingDate =
        calendar.latestProcessingDateHolding(metricDate, today.get());
    if (processingDate.isEmpty()) {
      return List.of();
    }
    int version = calendar.version(processingDate.get(), metricDate);
    return toMaps(report.kind().header(), analytics.rows(app, report.kind(), metricDate, version));
  }

  @Override
  public List<Map<String, String>> salesRows(LocalDate reportDate) {
    if (reportDate.isBefore(historyStart) || !reportDate.isBefore(today.get())) {
      return List.of();
    }
    return toMaps(SalesData.HEADER, sales.rows(reportDate));
  }

  @Override
  public List<LocalDate> metricDates() {
    return calendar.metricDatesWithData(today.get());
  }

  @Override
  public boolean isNoSalesDay(LocalDate reportDate) {
    return sales.isNoSalesDay(reportDate);
  }

  static List<Map<String, String>> toMaps(List<String> header, List<String[]> rows) {
    List<Map<String, String>> maps = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        map.put(header.get(i), row[i]);
      }
      maps.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(maps);
  }
}
