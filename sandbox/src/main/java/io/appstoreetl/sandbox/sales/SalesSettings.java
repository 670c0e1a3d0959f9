package io.appstoreetl.sandbox.sales;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Sales and Trends settings a test may change while the sandbox runs: the latest version of
 * each generated report type, extra days before reports are published, and how long they are kept.
 * Thread-safe.
 */
public final class SalesSettings {

  /** The report types the sandbox generates rows for. */
  public static final List<String> GENERATED_TYPES =
      List.of("SALES", "SUBSCRIPTION", "SUBSCRIPTION_EVENT", "SUBSCRIBER");

  private final Map<String, String> latestVersions = new ConcurrentHashMap<>();
  private volatile int publicationDelayDays;
  private volatile int retentionDays;

  /**
   * Creates the settings.
   *
   * @param latestVersions the only version each generated report type accepts, such as {@code
   *     SALES=1_0}
   */
  public SalesSettings(
      Map<String, String> latestVersions, int publicationDelayDays, int retentionDays) {
    latestVersions.forEach(this::latestVersion);
    publicationDelayDays(publicationDelayDays);
    retentionDays(retentionDays);
  }

  /**
   * Sets the only version a report type accepts. Any other gets 400 naming this one.
   *
   * @throws IllegalArgumentException for a type the sandbox does not generate or a version not of
   *     the form {@code 1_4}
   */
  public void latestVersion(String reportType, String version) {
    if (!GENERATED_TYPES.contains(reportType)) {
      throw new IllegalArgumentException(
          "Invalid reportType: " + reportType + " (expected one of " + GENERATED_TYPES + ")");
    }
    if (version == null || !version.matches("[0-9]+_[0-9]+")) {
      throw new IllegalArgumentException(
          "Invalid version: " + version + " (expected digits, '_', digits, such as 1_4)");
    }
    latestVersions.put(reportType, version);
  }

  public String latestVersion(String reportType) {
    return latestVersions.get(reportType);
  }

  /** Sets the days by which every report is published later than Apple's usual schedule. */
  public void publicationDelayDays(int days) {
    if (days < 0 || days > 366) {
      throw new IllegalArgumentException("Invalid delay: " + days + " days (expected 0 to 366)");
    }
    this.publicationDelayDays = days;
  }

  public int publicationDelayDays() {
    return publicationDelayDays;
  }

  /** Sets the days a daily, weekly or monthly report is kept after its period ends. */
  public void retentionDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException(
          "Invalid retention: " + days + " days (expected 1 or more)");
    }
    this.retentionDays = days;
  }

  public int retentionDays() {
    return retentionDays;
  }
}
