package io.appstoreetl.extractor;

import io.appstoreetl.extractor.analytics.AnalyticsExtractor;
import io.appstoreetl.extractor.analytics.AppResult;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.sales.SalesExtractor;
import io.appstoreetl.extractor.sales.SalesResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extractor run: lands every analytics instance of every app that has not landed yet (apps in
 * parallel in a small pool), then the daily sales report of the run's date, then writes the run
 * summary. Failures are collected per app and for sales and do not stop the later steps.
 */
public final class ExtractRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractRun.class);

  public static final int DEFAULT_THREADS = 4;

  private final List<String> appIds;
  private final String vendorNumber;
  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final Clock clock;
  private final AttemptIds attemptIds;
  private final int threads;

  public ExtractRun(
      List<String> appIds,
      String vendorNumber,
      AppStoreConnectClient client,
      RawZone rawZone,
      Clock clock,
      int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Invalid thread count: " + threads + " (expected 1 or more)");
    }

    this.appIds = List.copyOf(appIds);
    this.vendorNumber = vendorNumber;
    this.client = client;
    this.rawZone = rawZone;
    this.clock = clock;
    this.attemptIds = new AttemptIds(clock);
    this.threads = threads;
  }

  /**
   * Runs the steps for metric date {@code date} and writes the summary into the raw zone.
   *
   * @throws IOException when the summary cannot be written
   */
  public RunSummary run(LocalDate date) throws IOException {
    String runId = attemptIds.next();
    Instant startedAt = clock.instant();
    LOG.info(
        "Extractor run {} for {}: {} apps, vendor {}", runId, date, appIds.size(), vendorNumber);

    List<AppResult> apps = extractApps(runId);
    SalesResult sales = extractSales(runId, date);
    RunSummary summary = new RunSummary(runId, startedAt, clock.instant(), date, apps, sales);
    writeSummary(summary);

    LOG.info(
        "Extractor run {} finished: {} units landed, {} errors",
        runId,
        summary.unitsLanded(),
        summary.errorsTotal());

    return summary;
  }

  /** Returns the raw-zone key of a run's summary. */
  public static String summaryKey(RunSummary summary) {
    return RawKeys.runSummary(summary.date().toString(), summary.runId());
  }

  private List<AppResult> extractApps(String runId) throws InterruptedIOException {
    AnalyticsExtractor analytics =
        new AnalyticsExtractor(client, rawZone, attemptIds, clock, runId, ExtractorVersion.get());
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, Math.max(1, appIds.size())),
            task -> new Thread(task, "extract-app-" + threadNumber.incrementAndGet()));
    try {
      List<Future<AppResult>> futures = new ArrayList<>();
      for (String appId : appIds) {
        futures.add(pool.submit(() -> analytics.extractApp(appId)));
      }

      List<AppResult> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        results.add(await(futures.get(i), appIds.get(i)));
      }

      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static AppResult await(Future<AppResult> future, String appId)
      throws InterruptedIOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for app " + appId);
    } catch (ExecutionException e) {
      // extractApp catches every exception; only an Error gets here.
      String message = "[BUG] Cannot extract app " + appId + ": " + e.getCause();
      LOG.error("{}", message, e.getCause());

      return new AppResult(appId, null, 0, 0, 0, List.of(message), new TreeSet<>());
    }
  }

  private SalesResult extractSales(String runId, LocalDate date) {
    SalesExtractor sales =
        new SalesExtractor(
            client,
            rawZone,
            attemptIds,
            clock,
            runId,
            ExtractorVersion.get(),
            SalesExtractor.DEFAULT_VERSION);

    return sales.extract(vendorNumber, date);
  }

  private void writeSummary(RunSummary summary) throws IOException {
    rawZone.writeJson(summaryKey(summary), summary.toJson(rawZone.mapper()));
  }
}
