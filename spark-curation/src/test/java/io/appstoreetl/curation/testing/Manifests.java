package io.appstoreetl.curation.testing;

import io.appstoreetl.curation.raw.ReportKind.Source;
import io.appstoreetl.curation.raw.UnitManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link UnitManifest} values for tests that need no raw zone. */
public final class Manifests {
  private String unitKey;
  private Source source;
  private String report;
  private String granularity = "DAILY";
  private Long appId;
  private String vendorNumber;
  private String origin = "api";
  private String instanceId;
  private LocalDate processingDate;
  private LocalDate reportDate;
  private String region;
  private YearMonth fiscalMonth;
  private LocalDate fetchedDate;
  private String originalFileName;
  private UnitManifest.Status status = UnitManifest.Status.COMPLETE;
  private final List<UnitManifest.ManifestFile> files = new ArrayList<>();
  private Instant landedAt = Instant.parse("2025-01-10T06:00:00Z");
  private UnitManifest.AppleAdsScope appleAds;

  private Manifests(String unitKey, Source source, String report) {
    this.unitKey = unitKey;
    this.source = source;
    this.report = report;
  }

  /** Starts an analytics unit of one app. */
  public static Manifests analytics(
      String unitKey, String report, long appId, LocalDate processingDate, String instanceId) {
    Manifests manifest = new Manifests(unitKey, Source.ANALYTICS, report);
    manifest.appId = appId;
    manifest.processingDate = processingDate;
    manifest.instanceId = instanceId;
    return manifest;
  }

  /** Starts a Sales and Trends unit fetched from the API, or an import when vendor is null. */
  public static Manifests sales(
      String unitKey, String report, String vendor, LocalDate reportDate) {
    Manifests manifest = new Manifests(unitKey, Source.SALES, report);
    manifest.vendorNumber = vendor;
    manifest.origin = vendor == null ? "import" : "api";
    manifest.reportDate = reportDate;
    return manifest;
  }

  /** Starts a finance unit. */
  public static Manifests finance(
      String unitKey, String report, String region, String vendor, YearMonth fiscalMonth) {
    Manifests manifest = new Manifests(unitKey, Source.FINANCE, report);
    manifest.granularity = "MONTHLY";
    manifest.region = region;
    manifest.vendorNumber = vendor;
    manifest.fiscalMonth = fiscalMonth;
    return manifest;
  }

  /** Starts a reviews unit of one app. */
  public static Manifests reviews(String unitKey, long appId, LocalDate fetchedDate) {
    Manifests manifest = new Manifests(unitKey, Source.REVIEWS, null);
    manifest.granularity = null;
    manifest.appId = appId;
    manifest.fetchedDate = fetchedDate;
    return manifest;
  }

  /** Starts an Apple Ads search-terms unit of one campaign and date range. */
  public static Manifests searchTerms(
      String unitKey, long appId, long campaignId, LocalDate startDate, LocalDate endDate) {
    Manifests manifest = new Manifests(unitKey, Source.APPLE_ADS, "search_terms");
    manifest.appId = appId;
    manifest.fetchedDate = endDate.plusDays(1);
    manifest.appleAds =
        new UnitManifest.AppleAdsScope(
            "40669820", campaignId, startDate, endDate, "America/Los_Angeles");
    return manifest;
  }

  public Manifests granularity(String value) {
    this.granularity = value;
    return this;
  }

  public Manifests status(String value) {
    this.status = UnitManifest.Status.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    return this;
  }

  public Manifests landedAt(Instant value) {
    this.landedAt = value;
    return this;
  }

  public Manifests originalFileName(String value) {
    this.originalFileName = value;
    return this;
  }

  public Manifests file(String path, String md5) {
    files.add(new UnitManifest.ManifestFile(path, md5, null));
    return this;
  }

  public UnitManifest build() {
    return new UnitManifest(
        unitKey,
        source,
        report,
        granularity,
        appId,
        vendorNumber,
        origin,
        instanceId,
        processingDate,
        reportDate,
        region,
        fiscalMonth,
        fetchedDate,
        originalFileName,
        status,
        files,
        landedAt,
        List.of(),
        appleAds);
  }
}
