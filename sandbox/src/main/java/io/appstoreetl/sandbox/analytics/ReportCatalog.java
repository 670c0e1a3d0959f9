package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The analytics reports every request lists: a subset of Apple's catalogue covering all five
 * categories. Reports with data are the Standard and Detailed levels of downloads, discovery and
 * engagement, sessions, installations and deletions, and purchases, and App Crashes. The others
 * list no instances.
 *
 * <p>Slots 3 and 14 are the numbers that several API users see for those two reports; Apple gives
 * no meaning to the numbers, and the other slots are the sandbox's own.
 */
public final class ReportCatalog {

  /** Values of the {@code category} attribute and of {@code filter[category]}. */
  public static final List<String> CATEGORIES =
      List.of("APP_USAGE", "APP_STORE_ENGAGEMENT", "COMMERCE", "FRAMEWORK_USAGE", "PERFORMANCE");

  // NOTE: the FRAMEWORK_USAGE names below follow Apple's documentation headings; the exact API
  // names of these reports have not been seen in a live response.
  private static final List<ReportDefinition> REPORTS =
      List.of(
          withData(2, "APP_USAGE", AnalyticsReportKind.CRASHES),
          withData(3, "COMMERCE", AnalyticsReportKind.DOWNLOADS_STANDARD),
          withData(4, "COMMERCE", AnalyticsReportKind.DOWNLOADS_DETAILED),
          withData(5, "APP_USAGE", AnalyticsReportKind.SESSIONS_STANDARD),
          withData(6, "APP_USAGE", AnalyticsReportKind.SESSIONS_DETAILED),
          withData(7, "APP_USAGE", AnalyticsReportKind.INSTALLS_STANDARD),
          withData(8, "APP_USAGE", AnalyticsReportKind.INSTALLS_DETAILED),
          withData(9, "COMMERCE", AnalyticsReportKind.PURCHASES_STANDARD),
          withData(10, "COMMERCE", AnalyticsReportKind.PURCHASES_DETAILED),
          report(11, "App Store Pre-Orders Standard", "COMMERCE"),
          report(12, "App Store Pre-Orders Detailed", "COMMERCE"),
          withData(13, "APP_STORE_ENGAGEMENT", AnalyticsReportKind.ENGAGEMENT_DETAILED),
          withData(14, "APP_STORE_ENGAGEMENT", AnalyticsReportKind.ENGAGEMENT_STANDARD),
          report(15, "App Store Web Preview Engagement Standard", "APP_STORE_ENGAGEMENT"),
          report(16, "App Store Web Preview Engagement Detailed", "APP_STORE_ENGAGEMENT"),
          report(17, "App Clip Usage Standard", "APP_USAGE"),
          report(18, "App Clip Usage Detailed", "APP_USAGE"),
          report(19, "Streaming Playback Performance", "PERFORMANCE"),
          report(20, "AirPlay Performance", "PERFORMANCE"),
          report(21, "App Storage Reads and Writes", "PERFORMANCE"),
          report(22, "App Crashes Expanded", "PERFORMANCE"),
          report(23, "App Install Performance", "PERFORMANCE"),
          report(24, "App Opt In", "APP_USAGE"),
          report(25, "ARKit Usage", "FRAMEWORK_USAGE"),
          report(26, "Home Screen Widget Installs", "FRAMEWORK_USAGE"),
          report(27, "Photos Picker Usage", "FRAMEWORK_USAGE"));

  private ReportCatalog() {}

  private static ReportDefinition report(int slot, String name, String category) {
    return new ReportDefinition(slot, name, category, null);
  }

  private static ReportDefinition withData(int slot, String category, AnalyticsReportKind kind) {
    return new ReportDefinition(slot, kind.reportName(), category, kind);
  }

  /** Returns every report, ordered by slot. */
  public static List<ReportDefinition> all() {
    return REPORTS;
  }

  public static Optional<ReportDefinition> bySlot(int slot) {
    return REPORTS.stream().filter(r -> r.slot() == slot).findFirst();
  }

  public static Optional<ReportDefinition> byCode(String code) {
    return REPORTS.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  /**
   * Finds a report by name, ignoring case. {@code App Store Downloads Standard} and {@code ...
   * Detailed}, names some newer clients use, find the App Downloads reports.
   */
  public static Optional<ReportDefinition> byName(String name) {
    String normalized =
        name.toLowerCase(Locale.ROOT).replace("app store downloads", "app downloads");
    return REPORTS.stream()
        .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(normalized))
        .findFirst();
  }
}
