package io.appstoreetl.extractor.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The analytics reports the extractor lands, with the names Apple lists them under. Several API
 * names differ from the titles of Apple's documentation pages, so each type also accepts the known
 * aliases, compared without regard to case or outer spaces.
 */
public enum AnalyticsReportType {
  APP_DOWNLOADS_STANDARD(
      "app_downloads_standard", "App Downloads Standard", "App Store Downloads Standard"),
  APP_DOWNLOADS_DETAILED(
      "app_downloads_detailed", "App Downloads Detailed", "App Store Downloads Detailed"),
  APP_STORE_DISCOVERY_AND_ENGAGEMENT_STANDARD(
      "app_store_discovery_and_engagement_standard", "App Store Discovery and Engagement Standard"),
  APP_STORE_DISCOVERY_AND_ENGAGEMENT_DETAILED(
      "app_store_discovery_and_engagement_detailed", "App Store Discovery and Engagement Detailed"),
  APP_SESSIONS_STANDARD("app_sessions_standard", "App Sessions Standard"),
  APP_SESSIONS_DETAILED("app_sessions_detailed", "App Sessions Detailed"),
  // The API uses singular nouns; the documentation page title uses plural ones.
  APP_STORE_INSTALLATION_AND_DELETION_STANDARD(
      "app_store_installation_and_deletion_standard",
      "App Store Installation and Deletion Standard",
      "App Store Installations and Deletions Standard"),
  APP_STORE_INSTALLATION_AND_DELETION_DETAILED(
      "app_store_installation_and_deletion_detailed",
      "App Store Installation and Deletion Detailed",
      "App Store Installations and Deletions Detailed"),
  APP_STORE_PURCHASES_STANDARD("app_store_purchases_standard", "App Store Purchases Standard"),
  APP_STORE_PURCHASES_DETAILED("app_store_purchases_detailed", "App Store Purchases Detailed"),
  APP_CRASHES("app_crashes", "App Crashes");

  private final String slug;
  private final List<String> apiNames;

  AnalyticsReportType(String slug, String... apiNames) {
    this.slug = slug;
    this.apiNames = List.of(apiNames);
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
