package io.appstoreetl.extractor.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A unit's {@code manifest.json}. Every field of the contract is written, in the documented order,
 * with {@code null} where it does not apply to the unit's source, so that readers see one shape.
 */
public final class Manifest {
  public static final int VERSION = 1;
  public static final String STATUS_COMPLETE = "complete";
  public static final String STATUS_EMPTY = "empty";
  public static final String STATUS_UNAVAILABLE = "unavailable";
  public static final String ORIGIN_API = "api";
  public static final String ORIGIN_IMPORT = "import";

  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private String source;
  private String report;
  private String reportName;
  private String granularity;
  private String appId;
  private String vendorNumber;
  private String origin = ORIGIN_API;
  private String accessType;
  private String requestId;
  private String reportId;
  private String instanceId;
  private String processingDate;
  private String reportDate;
  private String reportVersion;
  private String status = STATUS_COMPLETE;
  private final SortedSet<LocalDate> metricDates = new TreeSet<>();
  private final List<ManifestFile> files = new ArrayList<>();
  private String runId;
  private String extractorVersion;
  private String originalFileName;
  private String region;
  private String fiscalMonth;
  private String fetchedDate;
  private String stoppedAtReviewId;
  private String stoppedAtCreatedDate;
  private String orgId;
  private String adAccountId;
  private String campaignId;
  private String startDate;
  private String endDate;
  private String timeZone;
  private String currency;
  private Long rowCountOverride;

  public Manifest source(String value) {
    this.source = value;
    return this;
  }

  public Manifest report(String slug, String name) {
    this.report = slug;
    this.reportName = name;
    return this;
  }

  public Manifest granularity(String value) {
    this.granularity = value;
    return this;
  }

  public Manifest appId(String value) {
    this.appId = value;
    return this;
  }

  public Manifest vendorNumber(String value) {
    this.vendorNumber = value;
    return this;
  }

  public Manifest origin(String value) {
    this.origin = value;
    return this;
  }

  public Manifest analyticsChain(
      String accessTypeValue, String requestIdValue, String reportIdValue, String instanceIdValue) {
    this.accessType = accessTypeValue;
    this.requestId = requestIdValue;
    this.reportId = reportIdValue;
    this.instanceId = instanceIdValue;
    return this;
  }

  public Manifest processingDate(String value) {
    this.processingDate = value;
    return this;
  }

  public Manifest reportDate(String value) {
    this.reportDate = value;
    return this;
  }

  public Manifest reportVersion(String value) {
    this.reportVersion = value;
    return this;
  }

  public Manifest status(String value) {
    this.status = value;
    return this;
  }

  public Manifest metricDates(Iterable<LocalDate> dates) {
    dates.forEach(metricDates::add);
    return this;
  }

  public Manifest file(ManifestFile file) {
    files.add(file);
    return this;
  }

  public Manifest run(String runIdValue, String extractorVersionValue) {
    this.runId = runIdValue;
    this.extractorVersion = extractorVersionValue;
    return this;
  }

  public Manifest originalFileName(String value) {
    this.originalFileName = value;
    return this;
  }

  /** Finance only: the region code and fiscal month fetched. */
  public Manifest finance(String regionValue, String fiscalMonthValue) {
    this.region = regionValue;
    this.fiscalMonth = fiscalMonthValue;
    return this;
  }

  /** Reviews and apps: the UTC date of the fetch. */
  public Manifest fetchedDate(String value) {
    this.fetchedDate = value;
    return this;
  }

  /** Reviews only: the last review read before the fetch stopped. */
  public Manifest stoppedAt(String reviewId, String createdDate) {
    this.stoppedAtReviewId = reviewId;
    this.stoppedAtCreatedDate = createdDate;
    return this;
  }

  /** Apple Ads only: the organisation, ad account, and the account's time zone and currency. */
  public Manifest appleAdsAccount(
      String orgIdValue, String adAccountIdValue, String timeZoneValue, String currencyValue) {
    this.orgId = orgIdValue;
    this.adAccountId = adAccountIdValue;
    this.timeZone = timeZoneValue;
    this.currency = currencyValue;
    return this;
  }

  /** Apple Ads search terms only: the campaign and the requested range, both ends included. */
  public Manifest appleAdsReport(
      String campaignIdValue, LocalDate startDateValue, LocalDate endDateValue) {
    this.campaignId = campaignIdValue;
    this.startDate = startDateValue.toString();
    this.endDate = endDateValue.toString();
    return this;
  }

  /**
   * Sets {@code row_count} for units whose files are JSON pages rather than report rows (reviews,
   * apps); otherwise it is the sum over the files.
   */
  public Manifest rowCount(long value) {
    this.rowCountOverride = value;
    return this;
  }

  public SortedSet<LocalDate> metricDates() {
    return metricDates;
  }

  public long rowCount() {
    if (rowCountOverride != null) {
      return rowCountOverride;
    }

    return files.stream().mapToLong(ManifestFile::rowCount).sum();
  }

  /** Renders the manifest with {@code landed_at} set to {@code landedAt}. */
  public ObjectNode toJson(ObjectMapper mapper, Instant landedAt) {
    ObjectNode json = mapper.createObjectNode();
    json.put("manifest_version", VERSION);
    json.put("source", source);
    json.put("report", report);
    json.put("report_name", reportName);
    json.put("granularity", granularity);
    json.put("app_id", appId);
    json.put("vendor_number", vendorNumber);
    json.put("origin", origin);
    json.put("access_type", accessType);
    json.put("request_id", requestId);
    json.put("report_id", reportId);
    json.put("instance_id", instanceId);
    json.put("processing_date", processingDate);
    json.put("report_date", reportDate);
    json.put("report_version", reportVersion);
    json.put("status", status);
    json.put("min_metric_date", metricDates.isEmpty() ? null : metricDates.first().toString());
    json.put("max_metric_date", metricDates.isEmpty() ? null : metricDates.last().toString());
    ArrayNode dates = json.putArray("metric_dates");
    metricDates.forEach(date -> dates.add(date.toString()));
    json.put("row_count", rowCount());
    ArrayNode fileArray = json.putArray("files");
    for (ManifestFile file : files) {
      ObjectNode entry = fileArray.addObject();
      entry.put("path", file.path());
      if (file.segmentId() != null) {
        entry.put("segment_id", file.segmentId());
      }
      entry.put("size_bytes", file.sizeBytes());
      entry.put("md5", file.md5());
      entry.put("row_count", file.rowCount());
    }
    json.put("landed_at", UTC_MILLIS.format(landedAt));
    json.put("run_id", runId);
    json.put("extractor_version", extractorVersion);
    json.put("original_file_name", originalFileName);
    json.put("region", region);
    json.put("fiscal_month", fiscalMonth);
    json.put("fetched_date", fetchedDate);
    json.put("stopped_at_review_id", stoppedAtReviewId);
    json.put("stopped_at_created_date", stoppedAtCreatedDate);
    json.put("org_id", orgId);
    json.put("ad_account_id", adAccountId);
    json.put("campaign_id", campaignId);
    json.put("start_date", startDate);
    json.put("end_date", endDate);
    json.put("time_zone", timeZone);
    json.put("currency", currency);

    return json;
  }

  /** Formats an instant as the manifests and summaries do: ISO-8601, UTC, milliseconds, Z. */
  public static String formatInstant(Instant instant) {
    return UTC_MILLIS.format(instant);
  }
}
