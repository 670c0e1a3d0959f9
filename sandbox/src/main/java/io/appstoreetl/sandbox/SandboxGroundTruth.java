package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.ads.AppleAdsData;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import io.appstoreetl.sandbox.analytics.InstanceDirectory;
import io.appstoreetl.sandbox.analytics.ReportCatalog;
import io.appstoreetl.sandbox.analytics.ReportDefinition;
import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.finance.FinanceData;
import io.appstoreetl.sandbox.reviews.Review;
import io.appstoreetl.sandbox.reviews.ReviewStore;
import io.appstoreetl.sandbox.sales.SalesPeriod;
import io.appstoreetl.sandbox.sales.SalesReports;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
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
  private final InstanceCalendar calendar;
  private final InstanceDirectory instances;
  private final SalesReports sales;
  private final FinanceData finance;
  private final ReviewStore reviews;
  private final Supplier<LocalDate> today;
  private final AppleAdsData appleAds;

  SandboxGroundTruth(
      AppCatalog apps,
      AnalyticsData analytics,
      InstanceCalendar calendar,
      InstanceDirectory instances,
      SalesReports sales,
      FinanceData finance,
      ReviewStore reviews,
      AppleAdsData appleAds,
      Supplier<LocalDate> today) {
    this.appleAds = appleAds;
    this.apps = apps;
    this.analytics = analytics;
    this.calendar = calendar;
    this.instances = instances;
    this.sales = sales;
    this.finance = finance;
    this.reviews = reviews;
    this.today = today;
  }

  @Override
  public List<Map<String, String>> analyticsRows(
      String appId, String reportName, LocalDate metricDate) {
    return analyticsRows(appId, reportName, "DAILY", metricDate);
  }

  @Override
  public List<Map<String, String>> analyticsRows(
      String appId, String reportName, String granularity, LocalDate periodStart) {
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
    Granularity parsed = parseGranularity(granularity);
    if (!parsed.isPeriodStart(periodStart)) {
      throw new IllegalArgumentException(
          "Invalid periodStart: "
              + periodStart
              + " (a "
              + parsed
              + " period starts on "
              + (parsed == Granularity.WEEKLY ? "a Monday" : "the 1st of a month")
              + ")");
    }
    AnalyticsReportKind kind = report.kind();
    if (kind == null || !kind.granularities().contains(parsed)) {
      return List.of();
    }
    Optional<LocalDate> snapshotDay =
        instances.snapshotDay(appId).filter(day -> calendar.isSnapshotListed(day, today.get()));
    if (parsed == Granularity.DAILY) {
      return dailyRows(app, kind, periodStart, snapshotDay);
    }
    LocalDate processingDate = parsed.processingDateOf(periodStart);
    boolean ongoing = calendar.isAvailable(processingDate, today.get());
    boolean inSnapshot = snapshotDay.map(day -> !processingDate.isAfter(day)).orElse(false);
    if (!calendar.hasData(parsed, processingDate) || !(ongoing || inSnapshot)) {
      return List.of();
    }
    return toMaps(kind.header(), analytics.periodRows(app, kind, parsed, periodStart));
  }

  private List<Map<String, String>> dailyRows(
      SandboxApp app,
      AnalyticsReportKind kind,
      LocalDate metricDate,
      Optional<LocalDate> snapshotDay) {
    Optional<LocalDate> ongoing = calendar.latestProcessingDateHolding(metricDate, today.get());
    Optional<LocalDate> snapshot =
        snapshotDay.flatMap(day -> calendar.latestDailyHolding(metricDate, day));
    Optional<LocalDate> latest =
        ongoing.isEmpty()
            ? snapshot
            : snapshot.filter(s -> s.isAfter(ongoing.get())).or(() -> ongoing);
    if (latest.isEmpty()) {
      return List.of();
    }
    int version = calendar.version(latest.get(), metricDate);
    return toMaps(kind.header(), analytics.rows(app, kind, metricDate, version));
  }

  @Override
  public List<Map<String, String>> salesRows(LocalDate reportDate) {
    return salesRows("SALES", "DAILY", reportDate);
  }

  @Override
  public List<Map<String, String>> salesRows(
      String reportType, String frequency, LocalDate reportDate) {
    List<String> header = SalesReports.header(reportType);
    SalesPeriod period = salesPeriod(reportType, frequency, reportDate);
    if (!period.end().isBefore(today.get())) {
      return List.of();
    }
    return toMaps(header, sales.rows(reportType, period));
  }

  @Override
  public List<Map<String, String>> financeRows(
      String regionCode, String reportType, YearMonth month) {
    boolean detail;
    if (reportType.equals("FINANCE_DETAIL")) {
      detail = true;
      if (!regionCode.equals(FinanceData.DETAIL_REGION)) {
        throw new IllegalArgumentException(
            "Invalid regionCode: " + regionCode + " (FINANCE_DETAIL takes only Z1)");
      }
    } else if (reportType.equals("FINANCIAL")) {
      detail = false;
      if (!FinanceData.financialRegions().contains(regionCode)) {
        throw new IllegalArgumentException(
            "Invalid regionCode: "
                + regionCode
                + " (expected one of "
                + FinanceData.financialRegions()
                + ")");
      }
    } else {
      throw new IllegalArgumentException(
          "Invalid reportType: " + reportType + " (expected FINANCIAL or FINANCE_DETAIL)");
    }
    if (!month.atEndOfMonth().isBefore(today.get())) {
      return List.of();
    }
    return detail
        ? toMaps(FinanceData.FINANCE_DETAIL_HEADER, finance.detailRows(month))
        : toMaps(FinanceData.FINANCIAL_HEADER, finance.financialRows(regionCode, month));
  }

  @Override
  public List<Map<String, String>> reviews(String appId) {
    List<Map<String, String>> result = new ArrayList<>();
    for (Review review : reviews.visible(appId)) {
      Map<String, String> map = new LinkedHashMap<>();
      map.put("id", review.id());
      map.put("rating", Integer.toString(review.rating()));
      map.put("title", review.title());
      map.put("body", review.body());
      map.put("reviewerNickname", review.reviewerNickname());
      map.put("createdDate", review.createdDate().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      map.put("territory", review.territory());
      result.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public List<LocalDate> metricDates() {
    return calendar.metricDatesWithData(today.get());
  }

  @Override
  public boolean isNoSalesDay(LocalDate reportDate) {
    return sales.isNoSalesDay(reportDate);
  }

  @Override
  public List<String> appIds() {
    return apps.ids();
  }

  private static Granularity parseGranularity(String granularity) {
    try {
      return Granularity.valueOf(granularity);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Invalid granularity: " + granularity + " (expected DAILY, WEEKLY or MONTHLY)");
    }
  }

  private static SalesPeriod salesPeriod(
      String reportType, String frequency, LocalDate reportDate) {
    boolean valid =
        switch (frequency) {
          case "DAILY" -> true;
          case "WEEKLY" ->
              reportType.equals("SALES") && reportDate.getDayOfWeek() == DayOfWeek.SUNDAY;
          case "MONTHLY" -> reportType.equals("SALES") && reportDate.getDayOfMonth() == 1;
          default -> false;
        };
    if (!valid) {
      throw new IllegalArgumentException(
          "Invalid sales report: "
              + reportType
              + " "
              + frequency
              + " "
              + reportDate
              + " (expected DAILY for any type, or for SALES WEEKLY with the week's ending Sunday"
              + " or MONTHLY with the 1st of the month)");
    }
    return SalesPeriod.containing(frequency, reportDate);
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

  @Override
  public List<SearchTermTotal> searchTermTotals(LocalDate from, LocalDate to) {
    return appleAds.searchTermTotals(from, to, today.get());
  }
}
