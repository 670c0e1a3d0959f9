package io.appstoreetl.extractor.finance;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one monthly finance report ({@code GET /v1/financeReports}) for one region and fiscal
 * month, with the body unchanged, footer lines included. Only Admin and Finance keys may read
 * finance reports, so a 403 is recorded as {@code forbidden} and is not an error. A 404 is taken as
 * a report Apple has not made yet and is asked again on a later run; a 410 lands an {@code
 * unavailable} unit. Thread-safe.
 */
public final class FinanceExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(FinanceExtractor.class);

  /**
   * Each row's metric date; FINANCE_DETAIL is read by its transaction date when it has no Start.
   */
  private static final List<String> DATE_COLUMNS = List.of("Start Date", "Transaction Date");

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;

  public FinanceExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion) {
    this.client = client;
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.runId = runId;
    this.extractorVersion = extractorVersion;
  }

  /** Lands the report unless a unit with a manifest exists; failures are in the result. */
  public FinanceResult extract(
      FinanceReportType type, String region, YearMonth fiscalMonth, String vendorNumber) {
    String month = fiscalMonth.toString();
    String context =
        "Cannot land the " + type + " report of region " + region + " for fiscal month " + month;
    try {
      String folder = RawKeys.financeReportFolder(type.slug(), region, month, vendorNumber);
      for (String landing : rawZone.listFolders(folder)) {
        String existing = folder + landing + "/";
        if (landing.startsWith("landing=") && rawZone.exists(existing + RawKeys.MANIFEST)) {
          JsonNode manifest =
              rawZone
                  .mapper()
                  .readTree(rawZone.readIfExists(existing + RawKeys.MANIFEST).orElseThrow());
          return new FinanceResult(
              type.slug(),
              region,
              month,
              FinanceResult.SKIPPED,
              manifest.path("row_count").asLong(0),
              0,
              existing,
              new TreeSet<>(),
              null);
        }
      }

      String unitKey =
          RawKeys.financeUnit(type.slug(), region, month, vendorNumber, attemptIds.next());
      return land(type, region, month, vendorNumber, unitKey);
    } catch (ApiException e) {
      if (e.status() == 403) {
        LOG.warn("{}: the API key may not read finance reports (HTTP 403)", context);
        return status(type, region, month, FinanceResult.FORBIDDEN, e.getMessage());
      }
      if (e.status() == 404) {
        LOG.info("{} yet: HTTP 404 ({}); asking again on a later run", context, e.detail());
        return status(type, region, month, FinanceResult.PENDING, e.detail());
      }

      return failed(context, e, type, region, month);
    } catch (IOException | InvalidKeyValueException e) {
      return failed(context, e, type, region, month);
    }
  }

  private FinanceResult land(
      FinanceReportType type, String region, String month, String vendorNumber, String unitKey)
      throws IOException {
    Manifest manifest =
        new Manifest()
            .source("finance")
            .report(type.slug(), type.name())
            .granularity("MONTHLY")
            .vendorNumber(vendorNumber)
            .finance(region, month)
            .run(runId, extractorVersion);

    ManifestFile stored;
    try {
      stored = download(type, region, month, vendorNumber, unitKey);
    } catch (ApiException e) {
      if (e.status() != 410) {
        throw e;
      }
      manifest.status(Manifest.STATUS_UNAVAILABLE);
      rawZone.publishUnit(unitKey, List.of(), manifest.toJson(rawZone.mapper(), clock.instant()));
      LOG.warn("Landed {} as unavailable: {}", unitKey, e.detail());
      return new FinanceResult(
          type.slug(),
          region,
          month,
          FinanceResult.UNAVAILABLE,
          0,
          0,
          unitKey,
          new TreeSet<>(),
          e.detail());
    }

    MetricDateScanner.Result scan;
    try (InputStream in = rawZone.open(unitKey + stored.path())) {
      scan =
          MetricDateScanner.scanWithFooter(
              in, stored.path(), DATE_COLUMNS, MetricDateScanner.DateForm.US);
    }
    if (scan.metricDates().isEmpty() && scan.rowCount() > 0) {
      LOG.warn("{} has no \"Start Date\" column; landed without metric dates", unitKey);
    }
    manifest
        .status(Manifest.STATUS_COMPLETE)
        .metricDates(scan.metricDates())
        .file(
            new ManifestFile(
                stored.path(), null, stored.sizeBytes(), stored.md5(), scan.rowCount()));
    rawZone.publishUnit(
        unitKey, scan.metricDates(), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info(
        "Landed {} ({} rows, {} footer lines, metric dates {} to {})",
        unitKey,
        scan.rowCount(),
        scan.footerLines(),
        scan.metricDates().isEmpty() ? null : scan.metricDates().first(),
        scan.metricDates().isEmpty() ? null : scan.metricDates().last());

    return new FinanceResult(
        type.slug(),
        region,
        month,
        FinanceResult.COMPLETE,
        scan.rowCount(),
        scan.footerLines(),
        unitKey,
        new TreeSet<LocalDate>(scan.metricDates()),
        null);
  }

  private ManifestFile download(
      FinanceReportType type, String region, String month, String vendorNumber, String unitKey)
      throws IOException {
    String path =
        "/v1/financeReports?filter[regionCode]="
            + region
            + "&filter[reportDate]="
            + month
            + "&filter[reportType]="
            + type.name()
            + "&filter[vendorNumber]="
            + vendorNumber;

    return client.getStream(
        path,
        (contentType, body, attempt) -> {
          String fileName = RawKeys.salesReportFile(attemptIds.next());
          Checksums.Copied copied =
              ReportBodies.store(
                  rawZone, unitKey + fileName, contentType, body, "GET /v1/financeReports");
          return new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), 0);
        });
  }

  private static FinanceResult status(
      FinanceReportType type, String region, String month, String status, String message) {
    return new FinanceResult(
        type.slug(), region, month, status, 0, 0, null, new TreeSet<>(), message);
  }

  private static FinanceResult failed(
      String context, Exception e, FinanceReportType type, String region, String month) {
    String message = context + ": " + Failures.describe(e);
    LOG.error("{}", message);
    return status(type, region, month, FinanceResult.FAILED, message);
  }
}
