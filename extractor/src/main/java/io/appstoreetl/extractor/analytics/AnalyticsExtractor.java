package io.appstoreetl.extractor.analytics;

import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands every instance of the wanted analytics reports of one app that has not landed yet. The app
 * step finds the request and its reports, then each report runs as its own task in the run's pool,
 * so a slow report does not hold the others. A failure of one instance or report is recorded and
 * the others go on. Thread-safe: apps run in parallel.
 */
public final class AnalyticsExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsExtractor.class);

  /** Days Apple keeps an instance; older processing dates cannot be listed any more. */
  public static final int RETENTION_DAYS = 35;

  /**
   * Days after a metric date that its data may still be restated: the longest completeness window
   * of the landed reports (sessions, installations and deletions, crashes).
   */
  public static final int LATE_DATA_DAYS = 5;

  /**
   * Settings of the analytics step.
   *
   * @param firstProcessingDate with {@code lastProcessingDate}, the processing dates to land (the
   *     backfill); both {@code null} to land every instance Apple lists (the daily run)
   */
  public record Options(
      AccessType accessType,
      Set<String> granularities,
      Set<AnalyticsReportType> reportTypes,
      LocalDate firstProcessingDate,
      LocalDate lastProcessingDate) {
    public Options {
      Objects.requireNonNull(accessType, "accessType == null");
      granularities = Set.copyOf(granularities);
      reportTypes = reportTypes.isEmpty() ? Set.of() : EnumSet.copyOf(reportTypes);
      if (granularities.isEmpty()) {
        throw new IllegalArgumentException("Invalid granularities: none (expected DAILY or more)");
      }
      granularities.forEach(KeyValues::granularity);
    }

    /** Returns the daily run's settings: ONGOING, every report, the given granularities. */
    public static Options daily(Set<String> granularities) {
      return new Options(
          AccessType.ONGOING, granularities, EnumSet.allOf(AnalyticsReportType.class), null, null);
    }

    boolean isRange() {
      return firstProcessingDate != null && lastProcessingDate != null;
    }
  }

  /** An app whose request and reports are known, ready for its report tasks. */
  private record Prepared(
      String requestId, Map<AnalyticsReportType, ReportRef> reports, List<String> pending) {}

  private final RequestResolver resolver;
  private final ReportCatalog catalog;
  private final InstanceLister lister;
  private final InstanceLander lander;
  private final Clock clock;
  private final Options options;

  public AnalyticsExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion,
      Options options) {
    this.resolver = new RequestResolver(client, new RequestRegistry(rawZone, clock));
    this.catalog = new ReportCatalog(client, rawZone, clock);
    this.lister = new InstanceLister(client);
    this.lander = new InstanceLander(client, rawZone, attemptIds, clock, runId, extractorVersion);
    this.clock = clock;
    this.options = options;
  }

  /**
   * Runs the app's analytics step on {@code executor}: first the request and its reports, then one
   * task per report. The future never completes exceptionally; failures are in the result.
   */
  public CompletableFuture<AppResult> extractApp(String appId, Executor executor) {
    String accessType = options.accessType().name();
    CompletableFuture<AppResult> result = new CompletableFuture<>();
    CompletableFuture.runAsync(
            () -> {
              Prepared prepared;
              try {
                prepared = prepare(appId);
              } catch (IOException | RuntimeException e) {
                result.complete(
                    AppResult.failed(
                        appId,
                        accessType,
                        null,
                        error("Cannot extract analytics reports of app " + appId, e)));
                return;
              }

              List<CompletableFuture<ReportResult>> reports = new ArrayList<>();
              for (ReportRef report : prepared.reports().values()) {
                reports.add(
                    CompletableFuture.supplyAsync(
                        () -> extractReport(appId, prepared.requestId(), report), executor));
              }
              CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
                  .whenComplete(
                      (ignored, failure) -> {
                        List<ReportResult> results = new ArrayList<>();
                        List<String> pending = new ArrayList<>(prepared.pending());
                        for (CompletableFuture<ReportResult> report : reports) {
                          ReportResult one = joinReport(report, appId);
                          results.add(one);
                          if (one.pending()) {
                            pending.add(one.report() + ": Apple lists no instance yet");
                          }
                        }
                        AppResult app =
                            new AppResult(
                                appId,
                                accessType,
                                prepared.requestId(),
                                prepared.reports().size(),
                                List.copyOf(results),
                                List.copyOf(pending),
                                List.of());
                        logApp(app);
                        result.complete(app);
                      });
            },
            executor)
        .exceptionally(
            failure -> {
              // Only an Error gets here: prepare and the report tasks catch every exception.
              String message = "[BUG] Cannot extract app " + appId + ": " + failure;
              LOG.error("{}", message, failure);
              result.complete(AppResult.failed(appId, accessType, null, message));
              return null;
            });

    return result;
  }

  private static ReportResult joinReport(CompletableFuture<ReportResult> report, String appId) {
    try {
      return report.join();
    } catch (RuntimeException e) {
      // Only an Error thrown in the task gets here, wrapped by the future.
      String message = "[BUG] Cannot extract a report of app " + appId + ": " + e.getCause();
      LOG.error("{}", message, e);
      return new ReportResult(
          "unknown", null, List.of(), 0, 0, false, List.of(message), new TreeSet<>());
    }
  }

  private Prepared prepare(String appId) throws IOException {
    KeyValues.appId(appId);
    RequestResolver.Resolved request = resolver.resolve(appId, options.accessType());
    Map<AnalyticsReportType, ReportRef> reports =
        catalog.reports(appId, options.accessType(), request.id(), options.reportTypes());

    List<String> pending = new ArrayList<>();
    for (AnalyticsReportType type : options.reportTypes()) {
      if (!reports.containsKey(type)) {
        // Apple lists a new request's reports only a day or two after it was created.
        pending.add(type.slug() + ": request " + request.id() + " lists no such report yet");
      }
    }

    return new Prepared(request.id(), reports, pending);
  }

  /** Lands the report's instances that have not landed yet and returns failures in the result. */
  ReportResult extractReport(String appId, String requestId, ReportRef report) {
    List<String> errors = new ArrayList<>();
    SortedSet<LocalDate> touched = new TreeSet<>();
    int landed = 0;
    int skipped = 0;
    boolean pending = false;
    String slug = report.type().slug();
    try {
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      LocalDate from =
          options.isRange() ? options.firstProcessingDate() : today.minusDays(RETENTION_DAYS);
      LocalDate to = options.isRange() ? options.lastProcessingDate() : today;

      boolean landedBefore = false;
      SortedSet<LocalDate> missing = new TreeSet<>();
      for (String granularity : options.granularities()) {
        SortedSet<LocalDate> done =
            lander.landedProcessingDates(appId, slug, granularity, from, to);
        landedBefore |= !done.isEmpty();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
          if (!done.contains(date)) {
            missing.add(date);
          }
        }
      }

      KeyValues.serverId("report id", report.id());
      List<InstanceRef> instances = lister.list(report.id(), options.granularities(), missing);
      if (options.isRange()) {
        instances =
            instances.stream()
                .filter(instance -> inRange(instance.processingDate(), from, to))
                .toList();
      }
      pending = instances.isEmpty() && !landedBefore;

      for (InstanceRef instance : instances) {
        try {
          String unitKey = InstanceLander.unitKey(appId, report, instance);
          if (lander.isLanded(unitKey)) {
            skipped++;
            continue;
          }
          LandedUnit unit =
              lander.land(appId, options.accessType(), requestId, report, instance, unitKey);
          landed++;
          touched.addAll(unit.metricDates());
        } catch (InvalidKeyValueException e) {
          errors.add(
              error(
                  "Cannot land instance " + instance.id() + " of " + slug + " for app " + appId,
                  e));
        } catch (UnitLandingException e) {
          LOG.error("{}", e.getMessage());
          errors.add(e.getMessage());
        }
      }
    } catch (InterruptedIOException e) {
      errors.add(error("Interrupted while extracting " + slug + " of app " + appId, e));
    } catch (IOException | RuntimeException e) {
      errors.add(error("Cannot list instances of " + slug + " for app " + appId, e));
    }

    return new ReportResult(
        slug,
        report.id(),
        options.granularities().stream().sorted().toList(),
        landed,
        skipped,
        pending,
        List.copyOf(errors),
        touched);
  }

  private static boolean inRange(String processingDate, LocalDate from, LocalDate to) {
    try {
      LocalDate date = LocalDate.parse(processingDate);
      return !date.isBefore(from) && !date.isAfter(to);
    } catch (RuntimeException e) {
      // An invalid date goes on to be rejected, with its value, when its key is built.
      return true;
    }
  }

  private static void logApp(AppResult app) {
    LOG.info(
        "App {}: {} request {}, {} reports, {} instances landed, {} skipped, {} pending, {} errors",
        app.appId(),
        app.accessType(),
        app.requestId(),
        app.reportsFound(),
        app.instancesLanded(),
        app.instancesSkipped(),
        app.pending().size(),
        app.errors().size());
  }

  private static String error(String context, Exception e) {
    String message = context + ": " + Failures.describe(e);
    // A stack trace helps only for a bug; a rejected key value is explained by its message.
    if (e instanceof RuntimeException && !(e instanceof InvalidKeyValueException)) {
      LOG.error("{}", message, e);
    } else {
      LOG.error("{}", message);
    }

    return message;
  }
}
