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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the daily SALES SUMMARY report of one vendor for one date from {@code GET
 * /v1/salesReports}: the gzip body unchanged, or an {@code empty} unit when Apple responds with 404
 * "There were no sales for the date specified.".
 */
public final class SalesExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(SalesExtractor.class);

  public static final String SLUG = "sales_summary";
  public static final String REPORT_NAME = "SALES SUMMARY";
  public static final String GRANULARITY = "DAILY";
  public static final String DEFAULT_VERSION = "1_0";
  public static final String BEGIN_DATE = "Begin Date";

  private static final Pattern LATEST_VERSION =
      Pattern.compile("latest version for this report is ([0-9]+_[0-9]+)");
  private static final String NO_SALES = "there were no sales";

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;
  private final String reportVersion;

  public SalesExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion,
      String reportVersion) {
    this.client = client;
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.runId = runId;
    this.extractorVersion = extractorVersion;
    this.reportVersion = reportVersion;
  }

  /**
   * Lands the report of {@code reportDate} unless a unit with a manifest exists. API and landing
   * failures are returned in the result.
   */
  public SalesResult extract(String vendorNumber, LocalDate reportDate) {
    String context =
        "Cannot land the "
            + REPORT_NAME
            + " report of "
            + reportDate
            + " for vendor "
            + vendorNumber;
    try {
      String folder =
          RawKeys.salesReportFolder(SLUG, GRANULARITY, reportDate.toString(), vendorNumber);
      Optional<SalesResult> existing = findLanded(folder);
      if (existing.isPresent()) {
        LOG.info(
            "Sales report of {} for vendor {} has landed before; skipping it",
            reportDate,
            vendorNumber);
        return existing.get();
      }

      String unitKey =
          RawKeys.salesUnit(
              SLUG, GRANULARITY, reportDate.toString(), vendorNumber, attemptIds.next());
      return land(vendorNumber, reportDate, unitKey, reportVersion, true /* may renegotiate */);
    } catch (IOException | InvalidKeyValueException e) {
      String message = context + ": " + Failures.describe(e);
      LOG.error("{}", message);

      return new SalesResult(SalesResult.FAILED, 0, null, new TreeSet<>(), List.of(message));
    }
  }

  private SalesResult land(
      String vendorNumber,
      LocalDate reportDate,
      String unitKey,
      String version,
      boolean mayRenegotiate)
      throws IOException {
    Manifest manifest =
        new Manifest()
            .source("sales")
            .report(SLUG, REPORT_NAME)
            .granularity(GRANULARITY)
            .vendorNumber(vendorNumber)
            .reportDate(reportDate.toString())
            .reportVersion(version)
            .run(runId, extractorVersion);

    ManifestFile stored;
    try {
      stored = download(unitKey, vendorNumber, reportDate, version);
    } catch (ApiException e) {
      // NOTE: other clients report the same "no sales" 404 for daily reports Apple has not made
      // yet (they are ready about 8 a.m. Pacific), so a run before then may land a wrong empty day.
      if (e.status() == 404
          && e.detail() != null
          && e.detail().toLowerCase(Locale.ROOT).contains(NO_SALES)) {
        return publishEmpty(unitKey, reportDate, manifest);
      }

      Matcher latest = LATEST_VERSION.matcher(e.detail() == null ? "" : e.detail());
      if (e.status() == 400
          && mayRenegotiate
          && latest.find()
          && !latest.group(1).equals(version)) {
        LOG.warn(
            "Sales report version {} was rejected; retrying with version {} as Apple's message names",
            version,
            latest.group(1));
        return land(vendorNumber, reportDate, unitKey, latest.group(1), false);
      }

      throw e;
    }

    MetricDateScanner.Result scan;
    try (InputStream in = rawZone.open(unitKey + stored.path())) {
      scan =
          MetricDateScanner.scan(
              in, stored.path(), BEGIN_DATE, MetricDateScanner.DateForm.US, '\t', false);
    }
    manifest
        .status(Manifest.STATUS_COMPLETE)
        .metricDates(scan.metricDates())
        .file(
            new ManifestFile(
                stored.path(), null, stored.sizeBytes(), stored.md5(), scan.rowCount()));

    // The report date gets an entry even if no row carries it, so curation finds the unit.
    SortedSet<LocalDate> indexDates = new TreeSet<>(scan.metricDates());
    indexDates.add(reportDate);
    rawZone.publishUnit(unitKey, indexDates, manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} ({} rows, metric dates {})", unitKey, scan.rowCount(), scan.metricDates());

    return new SalesResult(
        SalesResult.COMPLETE, scan.rowCount(), unitKey, new TreeSet<>(indexDates), List.of());
  }

  private SalesResult publishEmpty(String unitKey, LocalDate reportDate, Manifest manifest)
      throws IOException {
    manifest.status(Manifest.STATUS_EMPTY);
    rawZone.publishUnit(
        unitKey, List.of(reportDate), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} as empty: Apple reports no sales for {}", unitKey, reportDate);

    return new SalesResult(
        SalesResult.EMPTY, 0, unitKey, new TreeSet<>(List.of(reportDate)), List.of());
  }

  private ManifestFile download(
      String unitKey, String vendorNumber, LocalDate reportDate, String version)
      throws IOException {
    String path =
        "/v1/salesReports?filter[frequency]="
            + GRANULARITY
            + "&filter[reportType]=SALES&filter[reportSubType]=SUMMARY&filter[vendorNumber]="
            + vendorNumber
            + "&filter[reportDate]="
            + reportDate
            + "&filter[version]="
            + version;

    return client.getStream(
        path,
        (body, attempt) -> {
          String fileName = RawKeys.salesReportFile(attemptIds.next());
          Checksums.Copied copied;
          try (OutputStream out = rawZone.createNew(unitKey + fileName)) {
            copied = Checksums.copy(body, out);
          }
          return new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), 0);
        });
  }

  /** Returns the result of a landing under {@code folder} that has a manifest, if there is one. */
  private Optional<SalesResult> findLanded(String folder) throws IOException {
    for (String landing : rawZone.listFolders(folder)) {
      String unitKey = folder + landing + "/";
      if (!landing.startsWith("landing=") || !rawZone.exists(unitKey + RawKeys.MANIFEST)) {
        continue;
      }

      JsonNode manifest =
          rawZone.mapper().readTree(rawZone.readIfExists(unitKey + RawKeys.MANIFEST).orElseThrow());
      return Optional.of(
          new SalesResult(
              SalesResult.SKIPPED,
              manifest.path("row_count").asLong(0),
              unitKey,
              new TreeSet<>(),
              List.of()));
    }

    return Optional.empty();
  }
}
