package io.appstoreetl.extractor.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The analytics reports the extractor lands, with the names Apple lists them under. */
public enum AnalyticsReportType {
  APP_DOWNLOADS_STANDARD(
      "app_downloads_standard", List.of("App Downloads Standard", "App Store Downloads Standard")),
  APP_STORE_DISCOVERY_AND_ENGAGEMENT_STANDARD(
      "app_store_discovery_and_engagement_standard",
      List.of("App Store Discovery and Engagement Standard"));

  private final String slug;
  private final List<String> apiNames;

  AnalyticsReportType(String slug, List<String> apiNames) {
    this.slug = slug;
    this.apiNames = apiNames;
  }

  /** Returns the report's slug in raw-zone keys. */
  public String slug() {
    return slug;
  }

  /** Returns the names Apple lists this report under: the usual one first, then aliases. */
  public List<String> apiNames() {
    return apiNames;
  }

  /** Finds the type whose name or alias equals {@code apiName}, ignoring case and outer spaces. */
  public static Optional<AnalyticsReportType> forApiName(String apiName) {
    if (apiName == null) {
      return Optional.empty();
    }

    String wanted = apiName.trim().toLowerCase(Locale.ROOT);
    for (AnalyticsReportType type : values()) {
      for (String name : type.apiNames) {
        if (name.toLowerCase(Locale.ROOT).equals(wanted)) {
          return Optional.of(type);
        }
      }
    }

    return Optional.empty();
  }
}
