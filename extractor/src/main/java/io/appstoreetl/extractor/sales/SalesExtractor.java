package io.appstoreetl.extractor.sales;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiException;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.Checksums;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.ManifestFile;
import io.appstoreetl.extractor.raw.MetricDateScanner;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.raw.ReportBodies;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one Sales and Trends report of one vendor for one report date from {@code GET
 * /v1/salesReports}: the gzip body unchanged, or a unit without files when Apple's error response
 * settles the date.
 *
 * <ul>
 *   <li>404 "There were no sales for the date specified." lands an {@code empty} unit, once the
 *       report should exist: Apple gives the same answer for a report it has not made yet, so
 *       before {@link #availableAt} it is {@code pending} and asked again on a later run.
 *   <li>404 "not available yet" is {@code pending}.
 *   <li>410 (past Apple's one-year retention) lands an {@code unavailable} unit, so that no later
 *       run asks again.
 *   <li>400 naming "the latest version for this report" is retried once with that version, which is
 *       then used for the rest of the run.
 * </ul>
 *
 * <p>Thread-safe: reports of several dates and types run in parallel.
 */
public final class SalesExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(SalesExtractor.class);
  private static final Pattern LATEST_VERSION =
      Pattern.compile("latest version for this report is ([0-9]+_[0-9]+)");
  private static final String NO_SALES = "there were no sales";
  private static final List<String> NOT_YET = List.of("not available yet", "not yet available");

  /** Apple's reports are ready by about 8 a.m. Pacific; noon leaves a margin for late ones. */
  static final LocalTime AVAILABLE_FROM = LocalTime.NOON;

  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;
  private final Map<SalesReportType, String> versions;

  /**
   * @param versions the {@code filter[version]} of each report type; types not in it use their
   *     default
   */
  public SalesExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion,
      Map<SalesReportType, String> versions) {
    this.client = client;
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.runId = runId;
    this.extractorVersion = extractorVersion;
    this.versions = new ConcurrentHashMap<>(versions);
  }

  /**
   * Returns the {@code report_date} of a report: the date for DAILY, the week's ending Sunday for
   * WEEKLY, the first day of the month for MONTHLY.
   */
  public static LocalDate reportDate(String granularity, LocalDate date) {
    return switch (granularity) {
      case "DAILY" -> date;
      case "WEEKLY" -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
      case "MONTHLY" -> date.withDayOfMonth(1);
      default ->
          throw new IllegalArgumentException(
              "Invalid granularity: " + granularity + " (expected DAILY, WEEKLY or MONTHLY)");
    };
  }

  /**
   * Returns when Apple should have made the report of {@code reportDate}: the next day (DAILY), the
   * Monday after the week (WEEKLY), 5 days after the month's end (MONTHLY), each at {@link
   * #AVAILABLE_FROM} Pacific time.
   */
  public static ZonedDateTime availableAt(String granularity, LocalDate reportDate) {
    LocalDate day =
        switch (granularity) {
          case "DAILY", "WEEKLY" -> reportDate.plusDays(1);
          case "MONTHLY" -> reportDate.with(TemporalAdjusters.lastDayOfMonth()).plusDays(5);
          default ->
              throw new IllegalArgumentException(
                  "Invalid granularity: " + granularity + " (expected DAILY, WEEKLY or MONTHLY)");
        };

    return ZonedDateTime.of(day, AVAILABLE_FROM, PACIFIC);
  }

  /**
   * Lands the report unless a unit with a manifest exists for its date. API and landing failures
   * are returned in the result.
   */
  public SalesResult extract(
      SalesReportType type, String granularity, String vendorNumber, LocalDate date) {
    LocalDate reportDate = reportDate(granularity, date);
    String context =
        "Cannot land the "
            + type.reportName()
            + " "
            + granularity
            + " report of "
            + reportDate
            + " for vendor "
            + vendorNumber;
    String version = versions.getOrDefault(type, type.defaultVersion());
    try {
      String folder =
          RawKeys.salesReportFolder(type.slug(), granularity, reportDate.toString(), vendorNumber);
      Optional<SalesResult> existing = findLanded(type, granularity, reportDate, folder);
      if (existing.isPresent()) {
        LOG.debug("{} {} of {} has landed before; skipping it", type, granularity, reportDate);
        return existing.get();
      }

      String unitKey =
          RawKeys.salesUnit(
              type.slug(), granularity, reportDate.toString(), vendorNumber, attemptIds.next());
      return land(type, granularity, vendorNumber, reportDate, unitKey, version, true);
    } catch (IOException | InvalidKeyValueException e) {
      String message = context + ": " + Failures.describe(e);
      LOG.error("{}", message);

      return result(type, granularity, reportDate, SalesResult.FAILED, version, null, message);
    }
  }

  private SalesResult land(
      SalesReportType type,
      String granularity,
      String vendorNumber,
      LocalDate reportDate,
      String unitKey,
      String version,
      boolean mayRenegotiate)
      throws IOException {
    Manifest manifest =
        new Manifest()
            .source("sales")
            .report(type.slug(), type.reportName())
            .granularity(granularity)
            .vendorNumber(vendorNumber)
            .reportDate(reportDate.toString())
            .reportVersion(version)
            .run(runId, extractorVersion);

    ManifestFile stored;
    try {
      stored = download(type, granularity, unitKey, vendorNumber, reportDate, version);
    } catch (ApiException e) {
      String detail = e.detail() == null ? "" : e.detail();
      String lower = detail.toLowerCase(Locale.ROOT);
      if (e.status() == 404 && NOT_YET.stream().anyMatch(lower::contains)) {
        LOG.info("{} {} of {} is not available yet: {}", type, granularity, reportDate, detail);
        return result(type, granularity, reportDate, SalesResult.PENDING, version, null, detail);
      }
      if (e.status() == 404 && lower.contains(NO_SALES)) {
        if (clock.instant().isBefore(availableAt(granularity, reportDate).toInstant())) {
          LOG.info(
              "{} {} of {}: Apple reports no sales before the report is due; asking again later",
              type,
              granularity,
              reportDate);
          return result(type, granularity, reportDate, SalesResult.PENDING, version, null, detail);
        }
        return publishEmpty(type, granularity, reportDate, unitKey, manifest, version);
      }
      if (e.status() == 410) {
        return publishUnavailable(type, granularity, reportDate, unitKey, manifest, version, e);
      }

      Matcher latest = LATEST_VERSION.matcher(detail);
      if (e.status() == 400
          && mayRenegotiate
          && latest.find()
          && !latest.group(1).equals(version)) {
        LOG.warn(
            "{} report version {} was rejected; retrying with version {} as Apple's message names",
            type,
            version,
            latest.group(1));
        versions.put(type, latest.group(1));
        return land(type, granularity, vendorNumber, reportDate, unitKey, latest.group(1), false);
      }

      throw e;
    }

    SortedSet<LocalDate> metricDates = new TreeSet<>();
    long rows;
    try (InputStream in = rawZone.open(unitKey + stored.path())) {
      if (type.dateColumn() == null) {
        rows = MetricDateScanner.countRows(in, stored.path());
        if (rows > 0) {
          metricDates.add(reportDate);
        }
      } else {
        MetricDateScanner.Result scan =
            MetricDateScanner.scan(
                in, stored.path(), type.dateColumn(), type.dateForm(), '\t', false);
        rows = scan.rowCount();
        metricDates.addAll(scan.metricDates());
      }
    }
    manifest
        .status(Manifest.STATUS_COMPLETE)
        .metricDates(metricDates)
        .file(new ManifestFile(stored.path(), null, stored.sizeBytes(), stored.md5(), rows));

    // The report date gets an entry even if no row carries it, so curation finds the unit.
    SortedSet<LocalDate> indexDates = new TreeSet<>(metricDates);
    indexDates.add(reportDate);
    rawZone.publishUnit(unitKey, indexDates, manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} ({} rows, metric dates {})", unitKey, rows, metricDates);

    return new SalesResult(
        type.slug(),
        granularity,
        reportDate,
        SalesResult.COMPLETE,
        version,
        rows,
        unitKey,
        indexDates,
        null);
  }

  private SalesResult publishEmpty(
      SalesReportType type,
      String granularity,
      LocalDate reportDate,
      String unitKey,
      Manifest manifest,
      String version)
      throws IOException {
    manifest.status(Manifest.STATUS_EMPTY);
    rawZone.publishUnit(
        unitKey, List.of(reportDate), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} as empty: Apple reports no sales for {}", unitKey, reportDate);

    return new SalesResult(
        type.slug(),
        granularity,
        reportDate,
        SalesResult.EMPTY,
        version,
        0,
        unitKey,
        new TreeSet<>(List.of(reportDate)),
        null);
  }

  private SalesResult publishUnavailable(
      SalesReportType type,
      String granularity,
      LocalDate reportDate,
      String unitKey,
      Manifest manifest,
      String version,
      ApiException cause)
      throws IOException {
    manifest.status(Manifest.STATUS_UNAVAILABLE);
    // No index entry: curation reads no unavailable unit, and the unit has no rows.
    rawZone.publishUnit(unitKey, List.of(), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.warn(
        "Landed {} as unavailable: Apple no longer keeps the report ({}); it is not asked again",
        unitKey,
        cause.detail());

    return new SalesResult(
        type.slug(),
        granularity,
        reportDate,
        SalesResult.UNAVAILABLE,
        version,
        0,
        unitKey,
        new TreeSet<>(),
        cause.detail());
  }

  private ManifestFile download(
      SalesReportType type,
      String granularity,
      String unitKey,
      String vendorNumber,
      LocalDate reportDate,
      String version)
      throws IOException {
    String dateFilter =
        granularity.equals("MONTHLY")
            ? reportDate.toString().substring(0, 7)
            : reportDate.toString();
    String path =
        "/v1/salesReports?filter[frequency]="
            + granularity
            + "&filter[reportType]="
            + type.reportType()
            + "&filter[reportSubType]="
            + type.reportSubType()
            + "&filter[vendorNumber]="
            + vendorNumber
            + "&filter[reportDate]="
            + dateFilter
            + "&filter[version]="
            + version;

    return client.getStream(
        path,
        (contentType, body, attempt) -> {
          String fileName = RawKeys.salesReportFile(attemptIds.next());
          Checksums.Copied copied =
              ReportBodies.store(
                  rawZone, unitKey + fileName, contentType, body, "GET /v1/salesReports");
          return new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), 0);
        });
  }

  /** Returns the result of a landing under {@code folder} that has a manifest, if there is one. */
  private Optional<SalesResult> findLanded(
      SalesReportType type, String granularity, LocalDate reportDate, String folder)
      throws IOException {
    for (String landing : rawZone.listFolders(folder)) {
      String unitKey = folder + landing + "/";
      if (!landing.startsWith("landing=") || !rawZone.exists(unitKey + RawKeys.MANIFEST)) {
        continue;
      }

      JsonNode manifest =
          rawZone.mapper().readTree(rawZone.readIfExists(unitKey + RawKeys.MANIFEST).orElseThrow());
      return Optional.of(
          new SalesResult(
              type.slug(),
              granularity,
              reportDate,
              SalesResult.SKIPPED,
              manifest.path("report_version").asText(null),
              manifest.path("row_count").asLong(0),
              unitKey,
              new TreeSet<>(),
              null));
    }

    return Optional.empty();
  }

  private static SalesResult result(
      SalesReportType type,
      String granularity,
      LocalDate reportDate,
      String status,
      String version,
      String unitKey,
      String message) {
    return new SalesResult(
        type.slug(),
        granularity,
        reportDate,
        status,
        version,
        0,
        unitKey,
        new TreeSet<>(),
        message);
  }
}
