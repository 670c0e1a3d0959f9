package io.appstoreetl.curation.raw;

import io.appstoreetl.curation.parse.ReportFormat;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.util.Optional;

/**
 * The raw-zone reports this job curates, with the table and report variant each one feeds.
 *
 * <p>Report files and Apple Ads reports are identified by the {@code report=} slug of their
 * raw-zone key and manifest; review and app listings by their source alone. Units of other reports
 * (such as {@code subscriber_detailed} and the Apple Ads {@code campaigns} listing) are landed by
 * the extractor but not curated here.
 */
public enum ReportKind {
  APP_DOWNLOADS_STANDARD("app_downloads_standard", Source.ANALYTICS, Tables.DOWNLOADS, "Standard"),
  APP_DOWNLOADS_DETAILED("app_downloads_detailed", Source.ANALYTICS, Tables.DOWNLOADS, "Detailed"),
  ENGAGEMENT_STANDARD(
      "app_store_discovery_and_engagement_standard",
      Source.ANALYTICS,
      Tables.ENGAGEMENT,
      "Standard"),
  ENGAGEMENT_DETAILED(
      "app_store_discovery_and_engagement_detailed",
      Source.ANALYTICS,
      Tables.ENGAGEMENT,
      "Detailed"),
  SESSIONS_STANDARD("app_sessions_standard", Source.ANALYTICS, Tables.SESSIONS, "Standard"),
  SESSIONS_DETAILED("app_sessions_detailed", Source.ANALYTICS, Tables.SESSIONS, "Detailed"),
  INSTALLS_DELETIONS_STANDARD(
      "app_store_installation_and_deletion_standard",
      Source.ANALYTICS,
      Tables.INSTALLS_DELETIONS,
      "Standard"),
  INSTALLS_DELETIONS_DETAILED(
      "app_store_installation_and_deletion_detailed",
      Source.ANALYTICS,
      Tables.INSTALLS_DELETIONS,
      "Detailed"),
  PURCHASES_STANDARD(
      "app_store_purchases_standard", Source.ANALYTICS, Tables.PURCHASES, "Standard"),
  PURCHASES_DETAILED(
      "app_store_purchases_detailed", Source.ANALYTICS, Tables.PURCHASES, "Detailed"),
  APP_CRASHES("app_crashes", Source.ANALYTICS, Tables.CRASHES, "Standard"),
  SALES_SUMMARY("sales_summary", Source.SALES, Tables.SALES, "SUMMARY"),
  SUBSCRIPTION_SUMMARY("subscription_summary", Source.SALES, Tables.SUBSCRIPTIONS, "SUMMARY"),
  SUBSCRIPTION_EVENT_SUMMARY(
      "subscription_event_summary", Source.SALES, Tables.SUBSCRIPTION_EVENTS, "SUMMARY"),
  FINANCIAL("financial", Source.FINANCE, Tables.FINANCE, "FINANCIAL"),
  FINANCE_DETAIL("finance_detail", Source.FINANCE, Tables.FINANCE, "FINANCE_DETAIL"),
  CUSTOMER_REVIEWS(null, Source.REVIEWS, Tables.REVIEWS, null),
  APPS(null, Source.APPS, Tables.APPS, null),
  APPLE_ADS_SEARCH_TERMS("search_terms", Source.APPLE_ADS, Tables.SEARCH_TERMS, null);

  /** The {@code source=} of a raw-zone key. */
  public enum Source {
    ANALYTICS("analytics"),
    SALES("sales"),
    FINANCE("finance"),
    REVIEWS("reviews"),
    APPS("apps"),
    APPLE_ADS("apple_ads");

    private final String key;

    Source(String key) {
      this.key = key;
    }

    /** Returns the value as raw-zone keys and manifests write it. */
    public String key() {
      return key;
    }

    /** Returns the source written {@code key}, or empty for an unknown one. */
    public static Optional<Source> fromKey(String key) {
      for (Source source : values()) {
        if (source.key.equals(key)) {
          return Optional.of(source);
        }
      }

      return Optional.empty();
    }
  }

  private final String slug;
  private final Source source;
  private final TableDefinition table;
  private final String variant;

  ReportKind(String slug, Source source, TableDefinition table, String variant) {
    this.slug = slug;
    this.source = source;
    this.table = table;
    this.variant = variant;
  }

  /**
   * Returns the report file kind of a raw-zone report slug, or empty for a report this job does not
   * curate.
   */
  public static Optional<ReportKind> fromSlug(String slug) {
    for (ReportKind kind : values()) {
      if (kind.slug != null && kind.slug.equals(slug)) {
        return Optional.of(kind);
      }
    }

    return Optional.empty();
  }

  /** Returns the kind of the reviews or apps source; empty for report sources. */
  public static Optional<ReportKind> ofPageSource(Source source) {
    switch (source) {
      case REVIEWS:
        return Optional.of(CUSTOMER_REVIEWS);
      case APPS:
        return Optional.of(APPS);
      default:
        return Optional.empty();
    }
  }

  /** Returns the report slug, or null for reviews and apps. */
  public String slug() {
    return slug;
  }

  public Source source() {
    return source;
  }

  public TableDefinition table() {
    return table;
  }

  /** Returns the {@code report_variant} value of this report's rows; null for reviews and apps. */
  public String variant() {
    return variant;
  }

  /** True for Sales and Trends reports (sales and subscription reports). */
  public boolean isSales() {
    return source == Source.SALES;
  }

  /** True for the report files of a tab-separated report (every kind but JSON pages). */
  public boolean isReportFile() {
    return source != Source.REVIEWS && source != Source.APPS && source != Source.APPLE_ADS;
  }

  /** Returns the file conventions of a report file kind. */
  public ReportFormat format() {
    switch (source) {
      case ANALYTICS:
        return ReportFormat.ANALYTICS;
      case FINANCE:
        return ReportFormat.FINANCE;
      case SALES:
        return this == SALES_SUMMARY ? ReportFormat.SALES : ReportFormat.SUBSCRIPTION;
      default:
        throw new IllegalStateException("[BUG] " + this + " has no report file format");
    }
  }

  /**
   * Returns the table column whose header contains each row's metric date, or null when the date
   * comes from the unit (subscription snapshots) or from JSON.
   */
  public String metricDateColumn() {
    switch (this) {
      case SALES_SUMMARY:
        return "begin_date";
      case FINANCIAL:
      case FINANCE_DETAIL:
        return "start_date";
      case SUBSCRIPTION_SUMMARY:
      case CUSTOMER_REVIEWS:
      case APPS:
      case APPLE_ADS_SEARCH_TERMS:
        return null;
      default:
        return "metric_date";
    }
  }
}
