package io.appstoreetl.extractor;

import io.appstoreetl.extractor.RunOptions.Source;
import io.appstoreetl.extractor.ads.AppleAdsResult;
import io.appstoreetl.extractor.ads.AppleAdsStep;
import io.appstoreetl.extractor.analytics.AccessType;
import io.appstoreetl.extractor.analytics.AnalyticsExtractor;
import io.appstoreetl.extractor.analytics.AnalyticsReportType;
import io.appstoreetl.extractor.analytics.AppResult;
import io.appstoreetl.extractor.apps.AppsExtractor;
import io.appstoreetl.extractor.apps.AppsResult;
import io.appstoreetl.extractor.finance.FinanceExtractor;
import io.appstoreetl.extractor.finance.FinanceReportType;
import io.appstoreetl.extractor.finance.FinanceResult;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.reviews.ReviewsExtractor;
import io.appstoreetl.extractor.reviews.ReviewsResult;
import io.appstoreetl.extractor.sales.SalesExtractor;
import io.appstoreetl.extractor.sales.SalesReportType;
import io.appstoreetl.extractor.sales.SalesResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extractor run, as a short list of steps. It lists the apps when the run covers all of them.
 * It then starts every app (analytics reports, customer reviews), the Sales and Trends reports and
 * the finance reports and, when configured, Apple Ads in one bounded pool, waits for all of them,
 * and writes the run summary. Failures are collected per app and per report and do not stop the
 * other work.
 */
public final class ExtractRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractRun.class);

  /**
   * Default pool size. API calls wait on Apple's latency, not on this machine, so a pool this size
   * keeps many calls in flight while the rate limiter keeps them within the hourly budget.
   */
  public static final int DEFAULT_THREADS = 16;

  private final List<String> configuredAppIds;
  private final boolean allApps;
  private final String vendorNumber;
  private final Map<SalesReportType, String> salesVersions;
  private final List<String> financeRegions;
  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final Clock clock;
  private final AttemptIds attemptIds;
  private final RunProgress progress;
  private AppleAdsStep appleAds;

  public ExtractRun(
      ExtractorConfig config,
      AppStoreConnectClient client,
      RawZone rawZone,
      Clock clock,
      RunProgress progress) {
    this(
        config.appIds(),
        config.allApps(),
        config.vendorNumber(),
        config.salesVersions(),
        config.financeRegions(),
        client,
        rawZone,
        clock,
        progress);
  }

  /**
   * @param appIds the apps to cover; with {@code allApps}, every app the key can see besides
   */
  public ExtractRun(
      List<String> appIds,
      boolean allApps,
      String vendorNumber,
      Map<SalesReportType, String> salesVersions,
      List<String> financeRegions,
      AppStoreConnectClient client,
      RawZone rawZone,
      Clock clock,
      RunProgress progress) {
    this.configuredAppIds = List.copyOf(appIds);
    this.allApps = allApps || appIds.isEmpty();
    this.vendorNumber = vendorNumber;
    this.salesVersions = Map.copyOf(salesVersions);
    this.financeRegions = List.copyOf(financeRegions);
    this.client = client;
    this.rawZone = rawZone;
    this.clock = clock;
    this.attemptIds = new AttemptIds(clock);
    this.progress = progress;
  }

  /**
   * Adds the Apple Ads step; without it a daily run notes Apple Ads as skipped (not configured).
   */
  public ExtractRun withAppleAds(AppleAdsStep step) {
    this.appleAds = step;
    return this;
  }

  /**
   * Runs the steps and writes the summary into the raw zone.
   *
   * @throws IOException when the summary cannot be written
   */
  public RunSummary run(RunOptions options) throws IOException {
    String runId = attemptIds.next();
    Instant startedAt = clock.instant();
    LOG.info(
        "Extractor run {} ({}) for {}: {} apps configured{}, vendor {}, {} threads",
        runId,
        options.command(),
        options.isBackfill()
            ? options.backfillFrom() + " to " + options.backfillTo()
            : options.date(),
        configuredAppIds.size(),
        allApps ? " plus every app the key can see" : "",
        vendorNumber,
        options.threads());

    AppsResult appsListing = null;
    if (allApps || (options.lands(Source.APPS) && !options.isBackfill())) {
      appsListing =
          new AppsExtractor(client, rawZone, attemptIds, clock, runId, ExtractorVersion.get())
              .extract();
    }
    List<String> appIds = appIds(appsListing);
    progress.started(appIds.size());

    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.threads(),
            task -> {
              Thread thread = new Thread(task, "extract-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    RunSummary summary;
    try {
      List<CompletableFuture<AppSummary>> apps = startApps(runId, options, appIds, pool);
      List<Future<SalesResult>> sales = startSales(runId, options, pool);
      List<Future<FinanceResult>> finance = startFinance(runId, options, pool);
      List<Future<AppleAdsResult>> appleAdsResult = startAppleAds(runId, options, pool);

      summary =
          new RunSummary(
              runId,
              options,
              startedAt,
              null,
              awaitAll(apps),
              appsListing,
              awaitAll(sales),
              awaitAll(finance),
              client.stats(),
              client.rateLimiter(),
              appleAdsResult.isEmpty() ? null : awaitAll(appleAdsResult).get(0));
    } finally {
      pool.shutdownNow();
      progress.finished();
    }

    summary = summary.finishedAt(clock.instant());
    writeSummary(summary);
    LOG.info(
        "Extractor run {} finished: {} units landed, {} pending, {} errors, {} API calls",
        runId,
        summary.unitsLanded(),
        summary.pendingTotal(),
        summary.errorsTotal(),
        client.stats().apiCalls());

    return summary;
  }

  /** Returns the raw-zone key of a run's summary. */
  public static String summaryKey(RunSummary summary) {
    return RawKeys.runSummary(summary.options().date().toString(), summary.runId());
  }

  private List<String> appIds(AppsResult listing) {
    Set<String> ids = new LinkedHashSet<>(configuredAppIds);
    if (allApps && listing != null && !listing.failed()) {
      ids.addAll(listing.appIds());
    }
    return List.copyOf(ids);
  }

  private List<CompletableFuture<AppSummary>> startApps(
      String runId, RunOptions options, List<String> appIds, ExecutorService pool) {
    AnalyticsExtractor.Options analyticsOptions =
        options.isBackfill()
            ? new AnalyticsExtractor.Options(
                AccessType.ONE_TIME_SNAPSHOT,
                Set.copyOf(options.granularities()),
                EnumSet.allOf(AnalyticsReportType.class),
                options.backfillFrom(),
                options.backfillTo().plusDays(AnalyticsExtractor.LATE_DATA_DAYS))
            : new AnalyticsExtractor.Options(
                AccessType.ONGOING,
                Set.copyOf(options.granularities()),
                options.lands(Source.ANALYTICS)
                    ? EnumSet.allOf(AnalyticsReportType.class)
                    : EnumSet.noneOf(AnalyticsReportType.class),
                null,
                null);
    AnalyticsExtractor analytics =
        new AnalyticsExtractor(
            client, rawZone, attemptIds, clock, runId, ExtractorVersion.get(), analyticsOptions);
    ReviewsExtractor reviews =
        new ReviewsExtractor(client, rawZone, attemptIds, clock, runId, ExtractorVersion.get());
    boolean withAnalytics = options.isBackfill() || options.lands(Source.ANALYTICS);
    boolean withReviews = !options.isBackfill() && options.lands(Source.REVIEWS);

    List<CompletableFuture<AppSummary>> apps = new ArrayList<>();
    for (String appId : appIds) {
      CompletableFuture<AppResult> analyticsResult =
          withAnalytics
              ? analytics.extractApp(appId, pool)
              : CompletableFuture.completedFuture(
                  new AppResult(appId, null, null, 0, List.of(), List.of(), List.of()));
      CompletableFuture<ReviewsResult> reviewsResult =
          withReviews
              ? CompletableFuture.supplyAsync(() -> reviews.extract(appId), pool)
              : CompletableFuture.completedFuture(null);
      apps.add(
          analyticsResult
              .thenCombine(reviewsResult, (a, r) -> new AppSummary(appId, a, r))
              .whenComplete((summary, failure) -> progress.appFinished()));
    }

    return apps;
  }

  private List<Future<SalesResult>> startSales(
      String runId, RunOptions options, ExecutorService pool) {
    List<Future<SalesResult>> results = new ArrayList<>();
    if (options.isBackfill() || !options.lands(Source.SALES)) {
      return results;
    }

    SalesExtractor sales =
        new SalesExtractor(
            client, rawZone, attemptIds, clock, runId, ExtractorVersion.get(), salesVersions);
    LocalDate date = options.date();
    for (SalesReportType type : SalesReportType.values()) {
      for (String granularity : options.granularities()) {
        if (!type.frequencies().contains(granularity)) {
          continue;
        }
        for (LocalDate reportDate : salesReportDates(granularity, date)) {
          results.add(
              pool.submit(() -> sales.extract(type, granularity, vendorNumber, reportDate)));
        }
      }
    }

    return results;
  }

  /**
   * Returns the dates whose reports a run for {@code date} fetches when they have not landed: the
   * last {@link RunOptions#SALES_HEAL_DAYS} days, or the last {@link RunOptions#SALES_HEAL_PERIODS}
   * weeks (ending on a Sunday on or before {@code date}) or months (ending on or before {@code
   * date}), so that a day the job did not run heals itself.
   */
  static List<LocalDate> salesReportDates(String granularity, LocalDate date) {
    List<LocalDate> dates = new ArrayList<>();
    switch (granularity) {
      case "DAILY" -> {
        for (int i = 0; i < RunOptions.SALES_HEAL_DAYS; i++) {
          dates.add(date.minusDays(i));
        }
      }
      case "WEEKLY" -> {
        LocalDate sunday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        for (int i = 0; i < RunOptions.SALES_HEAL_PERIODS; i++) {
          dates.add(sunday.minusWeeks(i));
        }
      }
      case "MONTHLY" -> {
        YearMonth month =
            date.equals(date.with(TemporalAdjusters.lastDayOfMonth()))
                ? YearMonth.from(date)
                : YearMonth.from(date).minusMonths(1);
        for (int i = 0; i < RunOptions.SALES_HEAL_PERIODS; i++) {
          dates.add(month.minusMonths(i).atDay(1));
        }
      }
      default -> throw new IllegalArgumentException("Invalid granularity: " + granularity);
    }

    return dates;
  }

  private List<Future<FinanceResult>> startFinance(
      String runId, RunOptions options, ExecutorService pool) {
    List<Future<FinanceResult>> results = new ArrayList<>();
    if (options.isBackfill() || !options.lands(Source.FINANCE)) {
      return results;
    }

    FinanceExtractor finance =
        new FinanceExtractor(client, rawZone, attemptIds, clock, runId, ExtractorVersion.get());
    YearMonth month = options.fiscalMonth();
    for (String region : financeRegions) {
      results.add(
          pool.submit(
              () -> finance.extract(FinanceReportType.FINANCIAL, region, month, vendorNumber)));
    }
    results.add(
        pool.submit(
            () ->
                finance.extract(
                    FinanceReportType.FINANCE_DETAIL,
                    FinanceReportType.DETAIL_REGION,
                    month,
                    vendorNumber)));

    return results;
  }

  /** Starts the Apple Ads step of a daily run; a backfill has none. */
  private List<Future<AppleAdsResult>> startAppleAds(
      String runId, RunOptions options, ExecutorService pool) {
    if (options.isBackfill()) {
      return List.of();
    }
    if (!options.lands(Source.APPLE_ADS)) {
      return List.of(CompletableFuture.completedFuture(AppleAdsResult.skipped("not in --sources")));
    }
    if (appleAds == null) {
      LOG.info(
          "Apple Ads is not configured (APPLE_ADS_CLIENT_ID, APPLE_ADS_TEAM_ID, APPLE_ADS_KEY_ID,"
              + " APPLE_ADS_KEY_PATH, APPLE_ADS_ACCOUNT_ID unset); skipping the search-terms"
              + " extract");
      return List.of(CompletableFuture.completedFuture(AppleAdsResult.skipped("not configured")));
    }

    AppleAdsStep step = appleAds;
    return List.of(pool.submit(() -> step.run(runId, attemptIds, options.date())));
  }

  private static <T> List<T> awaitAll(List<? extends Future<T>> futures)
      throws InterruptedIOException {
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for the run's tasks");
      } catch (ExecutionException | CancellationException e) {
        // Every task catches its exceptions and returns them in its result. Only an Error gets
        // here, so it is rethrown rather than taken for a finished task.
        throw new IllegalStateException("[BUG] A task of the run failed: " + e.getCause(), e);
      }
    }

    return results;
  }

  private void writeSummary(RunSummary summary) throws IOException {
    rawZone.writeJson(summaryKey(summary), summary.toJson(rawZone.mapper()));
  }
}
