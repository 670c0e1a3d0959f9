package io.appstoreetl.curation.raw;

import io.appstoreetl.curation.parse.ReportFormat;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.util.Optional;

/**
 * The raw-zone report slugs this job curates, with the table and report variant each one feeds.
 *
 * <p>Slugs are the {@code report=} values of raw-zone keys and manifests. Units of other reports
 * are landed by the extractor but not curated here.
 */
public enum ReportKind {
  APP_DOWNLOADS_STANDARD("app_downloads_standard", Tables.DOWNLOADS, "Standard"),
  APP_DOWNLOADS_DETAILED("app_downloads_detailed", Tables.DOWNLOADS, "Detailed"),
  ENGAGEMENT_STANDARD("app_store_discovery_and_engagement_standard", Tables.ENGAGEMENT, "Standard"),
  ENGAGEMENT_DETAILED("app_store_discovery_and_engagement_detailed", Tables.ENGAGEMENT, "Detailed"),
  SALES_SUMMARY("sales_summary", Tables.SALES, "SUMMARY");

  private final String slug;
  private final TableDefinition table;
  private final String variant;

  ReportKind(String slug, TableDefinition table, String variant) {
    this.slug = slug;
    this.table = table;
    this.variant = variant;
  }

  /** Returns the kind of a raw-zone report slug, or empty for a report this job does not curate. */
  public static Optional<ReportKind> fromSlug(String slug) {
    for (ReportKind kind : values()) {
      if (kind.slug.equals(slug)) {
        return Optional.of(kind);
      }
    }

    return Optional.empty();
  }

  public String slug() {
    return slug;
  }

  public TableDefinition table() {
    return table;
  }

  /** Returns the {@code report_variant} value of this report's rows. */
  public String variant() {
    return variant;
  }

  /** True for Sales and Trends reports, false for analytics reports. */
  public boolean isSales() {
    return this == SALES_SUMMARY;
  }

  public ReportFormat format() {
    return isSales() ? ReportFormat.SALES : ReportFormat.ANALYTICS;
  }
}
