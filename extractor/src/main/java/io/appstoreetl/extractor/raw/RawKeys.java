package io.appstoreetl.extractor.raw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Builds raw-zone keys (relative to the root, {@code /}-separated) from checked values only. Unit
 * folder keys end in {@code /}.
 */
public final class RawKeys {
  public static final String MANIFEST = "manifest.json";
  public static final String IMPORT_VENDOR = "import";

  private RawKeys() {}

  public static String analyticsUnit(
      String slug, String granularity, String processingDate, String appId, String instanceId) {
    return "source=analytics/report="
        + KeyValues.reportSlug(slug)
        + "/granularity="
        + KeyValues.granularity(granularity)
        + "/processing_date="
        + KeyValues.isoDate("processing date", processingDate)
        + "/app_id="
        + KeyValues.appId(appId)
        + "/instance_id="
        + KeyValues.serverId("instance id", instanceId)
        + "/";
  }

  /** File name of one segment download attempt, inside its analytics unit folder. */
  public static String segmentFile(String segmentId, String attemptId) {
    return "segment="
        + KeyValues.serverId("segment id", segmentId)
        + ".attempt="
        + KeyValues.attemptId(attemptId)
        + ".gz";
  }

  /** Returns the folder of every landing of one sales report; the landing id comes below it. */
  public static String salesReportFolder(
      String slug, String granularity, String reportDate, String vendorNumber) {
    return "source=sales/report="
        + KeyValues.reportSlug(slug)
        + "/granularity="
        + KeyValues.granularity(granularity)
        + "/report_date="
        + KeyValues.isoDate("report date", reportDate)
        + "/vendor="
        + (IMPORT_VENDOR.equals(vendorNumber)
            ? IMPORT_VENDOR
            : KeyValues.vendorNumber(vendorNumber))
        + "/";
  }

  public static String salesUnit(
      String slug, String granularity, String reportDate, String vendorNumber, String landingId) {
    return salesReportFolder(slug, granularity, reportDate, vendorNumber)
        + "landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  /** File name of one sales API response body, inside its sales unit folder. */
  public static String salesReportFile(String attemptId) {
    return "report.attempt=" + KeyValues.attemptId(attemptId) + ".gz";
  }

  /** Returns the folder of every landing of one finance report; the landing id comes below it. */
  public static String financeReportFolder(
      String slug, String regionCode, String fiscalMonth, String vendorNumber) {
    return "source=finance/report="
        + KeyValues.financeReportSlug(slug)
        + "/region="
        + KeyValues.regionCode(regionCode)
        + "/fiscal_month="
        + KeyValues.fiscalMonth(fiscalMonth)
        + "/vendor="
        + KeyValues.vendorNumber(vendorNumber)
        + "/";
  }

  public static String financeUnit(
      String slug, String regionCode, String fiscalMonth, String vendorNumber, String landingId) {
    return financeReportFolder(slug, regionCode, fiscalMonth, vendorNumber)
        + "landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  /**
   * Returns the folder of every reviews fetch of one app, one {@code fetched_date=} folder a day.
   */
  public static String reviewsFolder(String appId) {
    return "source=reviews/app_id=" + KeyValues.appId(appId) + "/";
  }

  public static String reviewsUnit(String appId, String fetchedDate, String landingId) {
    return reviewsFolder(appId)
        + "fetched_date="
        + KeyValues.isoDate("fetched date", fetchedDate)
        + "/landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  public static String appsUnit(String fetchedDate, String landingId) {
    return "source=apps/fetched_date="
        + KeyValues.isoDate("fetched date", fetchedDate)
        + "/landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  /** Returns the folder of an Apple Ads campaign listing of one org and fetch date. */
  public static String appleAdsCampaignsUnit(String orgId, String fetchedDate, String landingId) {
    return "source=apple_ads/report=campaigns/org_id="
        + KeyValues.numericId("org id", orgId)
        + "/fetched_date="
        + KeyValues.isoDate("fetched date", fetchedDate)
        + "/landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  /** Returns the folder of one landing of a campaign's Apple Ads search-terms report. */
  public static String appleAdsSearchTermsUnit(
      String orgId, String campaignId, String fetchedDate, String landingId) {
    return "source=apple_ads/report=search_terms/org_id="
        + KeyValues.numericId("org id", orgId)
        + "/campaign_id="
        + KeyValues.numericId("campaign id", campaignId)
        + "/fetched_date="
        + KeyValues.isoDate("fetched date", fetchedDate)
        + "/landing="
        + KeyValues.attemptId(landingId)
        + "/";
  }

  /** File name of the {@code number}-th JSON page (from 1) of a reviews, apps or Apple Ads unit. */
  public static String pageFile(int number) {
    if (number < 1 || number > 9999) {
      throw new InvalidKeyValueException(
          "Invalid page number: " + number + " (expected 1 to 9999)");
    }

    return String.format(Locale.ROOT, "page=%04d.json", number);
  }

  public static String indexEntry(String metricDate, String unitKey) {
    return "index/metric_date="
        + KeyValues.isoDate("metric date", metricDate)
        + "/"
        + sha256Prefix(unitKey)
        + ".json";
  }

  public static String ongoingRegistry(String appId) {
    return "analytics_requests/registry/app_id=" + KeyValues.appId(appId) + "/ongoing.json";
  }

  /** Returns the key of the app's ONE_TIME_SNAPSHOT request id, kept like the ONGOING one. */
  public static String snapshotRegistry(String appId) {
    return "analytics_requests/registry/app_id=" + KeyValues.appId(appId) + "/snapshot.json";
  }

  /** Returns the key of the cached report ids of the app's requests. */
  public static String reportsCache(String appId) {
    return "analytics_requests/registry/app_id=" + KeyValues.appId(appId) + "/reports.json";
  }

  public static String runSummary(String runDate, String runId) {
    return "runs/extractor/run_date="
        + KeyValues.isoDate("run date", runDate)
        + "/"
        + KeyValues.attemptId(runId)
        + ".json";
  }

  /** Returns the first 16 hex digits of the SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Prefix(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] SHA-256 is missing from this JDK", e);
    }
  }
}
