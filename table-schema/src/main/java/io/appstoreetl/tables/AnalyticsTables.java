package io.appstoreetl.tables;

import static io.appstoreetl.tables.CommonColumns.count;
import static io.appstoreetl.tables.CommonColumns.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The Analytics Reports tables: one row per report row, from the report instance with the latest
 * processing date that contains the metric date.
 *
 * <p>Columns marked Detailed only are null in Standard rows. WEEKLY and MONTHLY rows carry Apple's
 * {@code Date}, the first day of their week or month.
 */
final class AnalyticsTables {

  private static final String INSTANCE_PROCESSING_DATE = "The report instance's processing date.";

  private AnalyticsTables() {}

  static TableDefinition downloads() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(
        text(
            "download_type",
            "Download Type",
            "Kind of download, such as First-time download, Redownload, Manual update, Auto-update"
                + " or Restore; Apple's capitalisation varies, so compare case-insensitively."));
    columns.add(text("app_version", "App Version", "App version downloaded."));
    columns.add(device());
    columns.add(platformVersion());
    columns.add(sourceType());
    columns.add(sourceInfo());
    columns.add(campaign());
    columns.add(text("page_type", "Page Type", "Page the download came from."));
    columns.add(pageTitle());
    columns.add(text("pre_order", "Pre-Order", "Whether the download came from a pre-order."));
    columns.addAll(territory());
    columns.add(metric("counts", "Counts", "Number of downloads."));
    columns.addAll(lineage("App Downloads"));

    return TableDefinition.builder("downloads")
        .doc(
            "App Downloads Standard and Detailed reports: one row per report row, from the report"
                + " instance with the latest processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            keyOf(
                "app_name",
                "download_type",
                "app_version",
                "device",
                "platform_version",
                "source_type",
                "source_info",
                "campaign",
                "page_type",
                "page_title",
                "pre_order",
                "territory"))
        .build();
  }

  static TableDefinition engagement() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(
        text(
            "event",
            "Event",
            "Engagement event: Impression, Page view or Tap; kept as a column, not pivoted."));
    columns.add(text("page_type", "Page Type", "Page on which the event happened."));
    columns.add(pageTitle());
    columns.add(sourceType());
    columns.add(sourceInfo());
    columns.add(campaign());
    columns.add(
        text(
            "engagement_type",
            "Engagement Type",
            "Action taken, such as Get, Update, Redownload or Open; null when the row has no"
                + " action."));
    columns.add(device());
    columns.add(platformVersion());
    columns.addAll(territory());
    columns.add(metric("counts", "Counts", "Number of events."));
    columns.add(
        metric(
            "unique_counts",
            "Unique Counts",
            "Number of unique users; cannot be summed across rows or days."));
    columns.addAll(lineage("Discovery and Engagement"));

    return TableDefinition.builder("engagement")
        .doc(
            "App Store Discovery and Engagement Standard and Detailed reports (impressions, page"
                + " views, taps): one row per report row, from the report instance with the latest"
                + " processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            keyOf(
                "app_name",
                "event",
                "page_type",
                "page_title",
                "source_type",
                "source_info",
                "campaign",
                "engagement_type",
                "device",
                "platform_version",
                "territory"))
        .nonSummableColumns("unique_counts")
        .build();
  }

  static TableDefinition sessions() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(text("app_version", "App Version", "App version used."));
    columns.add(device());
    columns.add(platformVersion());
    columns.add(sourceType());
    columns.add(sourceInfo());
    columns.add(campaign());
    columns.add(text("page_type", "Page Type", "Page the app was downloaded from."));
    columns.add(pageTitle());
    columns.add(appDownloadDate());
    columns.addAll(territory());
    columns.add(
        metric("sessions", "Sessions", "Sessions of users who share data with developers."));
    columns.add(
        metric(
            "total_session_duration",
            "Total Session Duration",
            "Total session duration in seconds."));
    columns.add(uniqueDevices());
    columns.addAll(lineage("App Sessions"));

    return TableDefinition.builder("sessions")
        .doc(
            "App Sessions Standard and Detailed reports: one row per report row, from the report"
                + " instance with the latest processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            keyOf(
                "app_name",
                "app_version",
                "device",
                "platform_version",
                "source_type",
                "source_info",
                "campaign",
                "page_type",
                "page_title",
                "app_download_date",
                "territory"))
        .nonSummableColumns("unique_devices")
        .build();
  }

  static TableDefinition installsDeletions() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(text("event", "Event", "Install or Delete."));
    columns.add(
        text(
            "download_type",
            "Download Type",
            "Kind of download, such as First-time download, Redownload, Manual update or Restore."));
    columns.add(text("app_version", "App Version", "App version installed or deleted."));
    columns.add(device());
    columns.add(platformVersion());
    columns.add(sourceType());
    columns.add(sourceInfo());
    columns.add(campaign());
    columns.add(text("page_type", "Page Type", "Page the app was downloaded from."));
    columns.add(pageTitle());
    columns.add(appDownloadDate());
    columns.addAll(territory());
    columns.add(metric("counts", "Counts", "Number of install or delete events."));
    columns.add(uniqueDevices());
    columns.addAll(lineage("Installation and Deletion"));

    return TableDefinition.builder("installs_deletions")
        .doc(
            "App Store Installation and Deletion Standard and Detailed reports: one row per report"
                + " row, from the report instance with the latest processing date that contains the"
                + " metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            keyOf(
                "app_name",
                "event",
                "download_type",
                "app_version",
                "device",
                "platform_version",
                "source_type",
                "source_info",
                "campaign",
                "page_type",
                "page_title",
                "app_download_date",
                "territory"))
        .nonSummableColumns("unique_devices")
        .build();
  }

  static TableDefinition purchases() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(
        text(
            "purchase_type", "Purchase Type", "App purchase or In-app purchases (Apple's words)."));
    columns.add(
        text(
            "content_name",
            "Content Name",
            "The app name for paid apps, the in-app purchase's name for in-app purchases."));
    columns.add(
        count(
            "content_apple_id",
            "Content Apple Identifier",
            "Apple ID of the app or in-app purchase bought."));
    columns.add(text("payment_method", "Payment Method", "How the customer paid."));
    columns.add(device());
    columns.add(platformVersion());
    columns.add(sourceType());
    columns.add(sourceInfo());
    columns.add(campaign());
    columns.add(text("page_type", "Page Type", "Page the app was downloaded from."));
    columns.add(pageTitle());
    columns.add(appDownloadDate());
    columns.add(text("pre_order", "Pre-Order", "Whether the purchase was a pre-order."));
    columns.addAll(territory());
    columns.add(
        metric(
            "purchases",
            "Purchases",
            "Number of purchases; negative for refunds. Zero with negative proceeds is a partial"
                + " refund."));
    columns.add(
        Column.of(
                "proceeds_in_usd",
                ColumnType.DOUBLE,
                "Estimated proceeds in USD: customer price minus tax and Apple's commission.")
            .fromHeader("Proceeds in USD")
            .requiredInEveryFile());
    columns.add(
        Column.of("sales_in_usd", ColumnType.DOUBLE, "Estimated customer spend in USD.")
            .fromHeader("Sales in USD")
            .requiredInEveryFile());
    columns.add(
        metric(
            "paying_users",
            "Paying Users",
            "Number of unique paying users; cannot be summed across rows or days."));
    columns.addAll(lineage("App Store Purchases"));

    return TableDefinition.builder("purchases")
        .doc(
            "App Store Purchases Standard and Detailed reports: one row per report row, from the"
                + " report instance with the latest processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            keyOf(
                "app_name",
                "purchase_type",
                "content_name",
                "content_apple_id",
                "payment_method",
                "device",
                "platform_version",
                "source_type",
                "source_info",
                "campaign",
                "page_type",
                "page_title",
                "app_download_date",
                "pre_order",
                "territory"))
        .nonSummableColumns("paying_users")
        .build();
  }

  static TableDefinition crashes() {
    List<Column> columns = new ArrayList<>(leadingColumns());
    columns.add(appName());
    columns.add(text("app_version", "App Version", "App version that crashed."));
    columns.add(device());
    columns.add(platformVersion());
    // NOTE: Apple's column list for App Crashes has no Territory; these two stay null unless a
    // file carries one.
    columns.addAll(territory());
    columns.add(metric("crashes", "Crashes", "Number of crashes."));
    columns.add(uniqueDevices());
    columns.addAll(
        CommonColumns.lineage(
            "Standard: App Crashes has a single level, stored as Standard.",
            INSTANCE_PROCESSING_DATE));

    return TableDefinition.builder("crashes")
        .doc(
            "App Crashes report: one row per report row, from the report instance with the latest"
                + " processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(keyOf("app_name", "app_version", "device", "platform_version", "territory"))
        .nonSummableColumns("unique_devices")
        .build();
  }

  private static List<Column> leadingColumns() {
    return List.of(
        Column.of("app_apple_id", ColumnType.BIGINT, "The app's Apple ID.")
            .notNull()
            .fromHeader("App Apple Identifier")
            .requiredInEveryFile(),
        Column.of(
                "metric_date",
                ColumnType.DATE,
                "Day the row is about; the first day of the week or month for WEEKLY and MONTHLY"
                    + " rows.")
            .notNull()
            .fromHeader("Date")
            .requiredInEveryFile(),
        CommonColumns.granularity());
  }

  private static List<Column> lineage(String reportName) {
    return CommonColumns.lineage(
        "Standard or Detailed: the " + reportName + " report variant.", INSTANCE_PROCESSING_DATE);
  }

  /** Returns the key: app, metric date, granularity, variant, then the report's dimensions. */
  private static String[] keyOf(String... dimensions) {
    List<String> key =
        new ArrayList<>(List.of("app_apple_id", "metric_date", "granularity", "report_variant"));
    key.addAll(List.of(dimensions));

    return key.toArray(String[]::new);
  }

  private static List<Column> territory() {
    return List.of(
        text("territory", "Territory", "App Store country or region as Apple writes it."),
        CommonColumns.territoryCode("territory"));
  }

  private static Column metric(String name, String header, String doc) {
    return Column.of(name, ColumnType.BIGINT, doc).fromHeader(header).requiredInEveryFile();
  }

  private static Column uniqueDevices() {
    return metric(
        "unique_devices",
        "Unique Devices",
        "Number of unique devices; cannot be summed across rows or days.");
  }

  private static Column appName() {
    return text("app_name", "App Name", "App name.");
  }

  private static Column device() {
    return text("device", "Device", "Device type.");
  }

  private static Column platformVersion() {
    return text("platform_version", "Platform Version", "Operating system version.");
  }

  private static Column sourceType() {
    return text("source_type", "Source Type", "Where the user found the app.");
  }

  private static Column sourceInfo() {
    return text("source_info", "Source Info", "Referring app or web domain (Detailed only).");
  }

  private static Column campaign() {
    return text("campaign", "Campaign", "App Analytics campaign token (Detailed only).");
  }

  private static Column pageTitle() {
    return text(
        "page_title", "Page Title", "Product page or in-app event page name (Detailed only).");
  }

  private static Column appDownloadDate() {
    return Column.of(
            "app_download_date",
            ColumnType.DATE,
            "Day the app was downloaded; null when that was more than 30 days before the metric"
                + " date.")
        .fromHeader("App Download Date");
  }
}
