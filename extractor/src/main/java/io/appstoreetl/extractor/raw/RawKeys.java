package io.appstoreetl.extractor.raw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /** Folder that holds every landing of one sales report; the landing id comes below it. */
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
