package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import java.util.Locale;

/**
 * One report of Apple's analytics catalogue.
 *
 * @param slot the stable number in the report id {@code r<slot>-<requestId>}
 * @param name Apple's report name
 * @param category one of the five {@code category} enum values
 * @param kind the generator of its rows, or null for a report that lists no instances
 */
public record ReportDefinition(int slot, String name, String category, AnalyticsReportKind kind) {

  /** Returns the report's key in segment URLs, such as {@code APP_DOWNLOADS_STANDARD}. */
  public String code() {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  /** Returns the report id under the given request. */
  public String reportId(String requestId) {
    return "r" + slot + "-" + requestId;
  }
}
