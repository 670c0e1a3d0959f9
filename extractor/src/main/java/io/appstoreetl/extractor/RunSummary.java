package io.appstoreetl.extractor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.ads.AppleAdsResult;
import io.appstoreetl.extractor.analytics.AppResult;
import io.appstoreetl.extractor.analytics.ReportResult;
import io.appstoreetl.extractor.apps.AppsResult;
import io.appstoreetl.extractor.finance.FinanceResult;
import io.appstoreetl.extractor.http.ApiStats;
import io.appstoreetl.extractor.http.RateLimiter;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.reviews.ReviewsResult;
import io.appstoreetl.extractor.sales.SalesResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One extractor run's summary, written to {@code runs/extractor/run_date=<D>/<run id>.json}.
 *
 * <p>{@code touched_metric_dates} contains the metric dates of every analytics, sales and finance
 * unit this run landed, and the report date of every sales unit (complete or empty) that landed.
 * {@code reviews_touched_metric_dates} contains the creation dates of the reviews landed, apart,
 * because only {@code reviews} needs them: a review can be created or edited on any old date, and
 * recomputing every table for it would rewrite unchanged partitions. {@code api_calls} counts every
 * HTTP request sent to the API (retries included); {@code file_downloads} counts requests for
 * presigned segment files, which Apple's rate limit does not count. Every entry that can fail
 * carries an {@code errors} array, so a reader can collect every error without knowing each source.
 * {@code apple_ads} has {@code status} {@code skipped} and a {@code reason} when Apple Ads is not
 * configured. Its own {@code touched_metric_dates} lists every day of the requested range when a
 * campaign landed (a day whose rows disappeared must be recomputed too); they are kept apart from
 * the top-level list because only {@code search_terms} needs them, and Apple Ads restates 30 days
 * every day.
 */
public record RunSummary(
    String runId,
    RunOptions options,
    Instant startedAt,
    Instant finishedAt,
    List<AppSummary> apps,
    AppsResult appsListing,
    List<SalesResult> sales,
    List<FinanceResult> finance,
    ApiStats stats,
    RateLimiter rateLimiter,
    AppleAdsResult appleAds) {

  public RunSummary {
    apps = List.copyOf(apps);
    sales = List.copyOf(sales);
    finance = List.copyOf(finance);
  }

  RunSummary finishedAt(Instant value) {
    return new RunSummary(
        runId,
        options,
        startedAt,
        value,
        apps,
        appsListing,
        sales,
        finance,
        stats,
        rateLimiter,
        appleAds);
  }

  public LocalDate date() {
    return options.date();
  }

  public SortedSet<LocalDate> touchedMetricDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    apps.forEach(app -> dates.addAll(app.touchedMetricDates()));
    sales.stream().filter(SalesResult::landed).forEach(s -> dates.addAll(s.landedMetricDates()));
    finance.stream()
        .filter(FinanceResult::landed)
        .forEach(f -> dates.addAll(f.landedMetricDates()));

    return dates;
  }

  /** Returns the creation dates of the reviews landed for every app. */
  public SortedSet<LocalDate> reviewsTouchedMetricDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    apps.forEach(app -> dates.addAll(app.reviewsTouchedMetricDates()));
    return dates;
  }

  /**
   * Units landed now that curation reads: analytics, reviews, sales, finance and Apple Ads
   * search-terms units.
   */
  public int unitsLanded() {
    int units = apps.stream().mapToInt(AppSummary::unitsLanded).sum();
    units += (int) sales.stream().filter(SalesResult::landed).count();
    units += (int) finance.stream().filter(FinanceResult::landed).count();
    units += appleAds == null ? 0 : appleAds.campaignsReported();

    return units;
  }

  public int pendingTotal() {
    int pending = apps.stream().mapToInt(app -> app.analytics().pending().size()).sum();
    pending += (int) sales.stream().filter(s -> SalesResult.PENDING.equals(s.status())).count();
    pending += (int) finance.stream().filter(f -> FinanceResult.PENDING.equals(f.status())).count();

    return pending;
  }

  public int appsFailed() {
    return (int) apps.stream().filter(app -> AppSummary.FAILED.equals(app.status())).count();
  }

  public int errorsTotal() {
    int errors = apps.stream().mapToInt(app -> app.errors().size()).sum();
    errors += (int) sales.stream().filter(SalesResult::failed).count();
    errors += (int) finance.stream().filter(FinanceResult::failed).count();
    errors += appsListing != null && appsListing.failed() ? 1 : 0;
    errors += appleAds == null ? 0 : appleAds.errors().size();

    return errors;
  }

  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode();
    json.put("run_id", runId);
    json.put("command", options.command());
    json.put("started_at", Manifest.formatInstant(startedAt));
    json.put("finished_at", finishedAt == null ? null : Manifest.formatInstant(finishedAt));
    json.put("date", options.date().toString());
    json.put("from", options.backfillFrom() == null ? null : options.backfillFrom().toString());
    json.put("to", options.backfillTo() == null ? null : options.backfillTo().toString());
    ArrayNode granularities = json.putArray("granularities");
    options.granularities().forEach(granularities::add);
    json.put("threads", options.threads());

    ArrayNode appArray = json.putArray("apps");
    apps.forEach(app -> appJson(appArray.addObject(), app));
    json.set("apps_listing", appsListing == null ? null : appsListingJson(mapper));
    ArrayNode salesArray = json.putArray("sales");
    sales.forEach(result -> salesJson(salesArray.addObject(), result));
    ArrayNode financeArray = json.putArray("finance");
    finance.forEach(result -> financeJson(financeArray.addObject(), result));

    json.set("apple_ads", appleAds == null ? null : appleAdsJson(mapper));

    ArrayNode touched = json.putArray("touched_metric_dates");
    touchedMetricDates().forEach(day -> touched.add(day.toString()));
    ArrayNode reviewsTouched = json.putArray("reviews_touched_metric_dates");
    reviewsTouchedMetricDates().forEach(day -> reviewsTouched.add(day.toString()));
    json.put("units_landed", unitsLanded());
    json.put("pending_total", pendingTotal());
    json.put("errors_total", errorsTotal());
    json.put("apps_total", apps.size());
    json.put("apps_failed", appsFailed());
    json.put("api_calls", stats.apiCalls());
    json.put("file_downloads", stats.fileDownloads());
    json.put("bytes_received", stats.bytesReceived());
    json.put("rate_limit_waits", rateLimiter.waits());
    json.put("rate_limit_wait_ms", rateLimiter.waitedMs());

    return json;
  }

  private static void appJson(ObjectNode entry, AppSummary app) {
    AppResult analytics = app.analytics();
    entry.put("app_id", app.appId());
    entry.put("status", app.status());
    entry.put("access_type", analytics.accessType());
    entry.put("request_id", analytics.requestId());
    entry.put("reports_found", analytics.reportsFound());
    entry.put("instances_landed", analytics.instancesLanded());
    entry.put("instances_skipped", analytics.instancesSkipped());
    entry.put("reports_pending", analytics.pending().size());
    ArrayNode pending = entry.putArray("pending");
    analytics.pending().forEach(pending::add);

    ArrayNode reports = entry.putArray("reports");
    for (ReportResult report : analytics.reports()) {
      ObjectNode item = reports.addObject();
      item.put("report", report.report());
      item.put("report_id", report.reportId());
      item.put("instances_landed", report.instancesLanded());
      item.put("instances_skipped", report.instancesSkipped());
      item.put("pending", report.pending());
      item.put("error_count", report.errors().size());
    }

    ReviewsResult reviews = app.reviews();
    if (reviews == null) {
      entry.putNull("reviews");
    } else {
      ObjectNode item = entry.putObject("reviews");
      item.put("status", reviews.status());
      item.put("reviews", reviews.reviews());
      item.put("pages", reviews.pages());
      item.put("stopped_early", reviews.stoppedEarly());
      item.put("unit", reviews.unitKey());
    }

    ArrayNode errors = entry.putArray("errors");
    app.errors().forEach(errors::add);
  }

  private ObjectNode appsListingJson(ObjectMapper mapper) {
    ObjectNode entry = mapper.createObjectNode();
    entry.put("status", appsListing.status());
    entry.put("app_count", appsListing.appIds().size());
    entry.put("unit", appsListing.unitKey());
    ArrayNode errors = entry.putArray("errors");
    if (appsListing.failed()) {
      errors.add(appsListing.message());
    }
    return entry;
  }

  /**
   * Returns the metric dates {@code search_terms} must recompute: the whole requested range when a
   * campaign report landed, else the dates of the landed rows.
   */
  public SortedSet<LocalDate> appleAdsTouchedDates() {
    SortedSet<LocalDate> dates = new TreeSet<>();
    if (appleAds == null) {
      return dates;
    }
    dates.addAll(appleAds.metricDates());
    if (appleAds.campaignsReported() > 0
        && appleAds.startDate() != null
        && appleAds.endDate() != null) {
      appleAds.startDate().datesUntil(appleAds.endDate().plusDays(1)).forEach(dates::add);
    }
    return dates;
  }

  private ObjectNode appleAdsJson(ObjectMapper mapper) {
    ObjectNode entry = mapper.createObjectNode();
    entry.put("status", appleAds.status());
    entry.put("reason", appleAds.reason());
    entry.put("org_id", appleAds.orgId());
    entry.put("ad_account_id", appleAds.adAccountId());
    entry.put("time_zone", appleAds.timeZone());
    entry.put("start_date", appleAds.startDate() == null ? null : appleAds.startDate().toString());
    entry.put("end_date", appleAds.endDate() == null ? null : appleAds.endDate().toString());
    entry.put("campaigns_listed", appleAds.campaignsListed());
    entry.put("campaigns_reported", appleAds.campaignsReported());
    entry.put("campaigns_without_search_terms", appleAds.campaignsWithoutSearchTerms());
    entry.put("row_count", appleAds.rowCount());
    ArrayNode touched = entry.putArray("touched_metric_dates");
    appleAdsTouchedDates().forEach(day -> touched.add(day.toString()));
    ArrayNode units = entry.putArray("units");
    appleAds.units().forEach(units::add);
    ArrayNode errors = entry.putArray("errors");
    appleAds.errors().forEach(errors::add);
    return entry;
  }

  private static void salesJson(ObjectNode entry, SalesResult result) {
    entry.put("report", result.report());
    entry.put("granularity", result.granularity());
    entry.put("report_date", result.reportDate().toString());
    entry.put("status", result.status());
    entry.put("report_version", result.reportVersion());
    entry.put("row_count", result.rowCount());
    entry.put("unit", result.unitKey());
    entry.put("message", result.message());
    ArrayNode errors = entry.putArray("errors");
    if (result.failed()) {
      errors.add(result.message());
    }
  }

  private static void financeJson(ObjectNode entry, FinanceResult result) {
    entry.put("report", result.report());
    entry.put("region", result.region());
    entry.put("fiscal_month", result.fiscalMonth());
    entry.put("status", result.status());
    entry.put("row_count", result.rowCount());
    entry.put("footer_lines", result.footerLines());
    entry.put("unit", result.unitKey());
    entry.put("message", result.message());
    ArrayNode errors = entry.putArray("errors");
    if (result.failed()) {
      errors.add(result.message());
    }
  }
}
