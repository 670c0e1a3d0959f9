package io.appstoreetl.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The curated tables, defined once for the Spark job and the Athena DDL generator.
 *
 * <p>Every table starts with {@code app_apple_id}, {@code metric_date} and {@code granularity},
 * then contains the report's columns as Apple sends them (one row per Apple row) and ends with the
 * lineage columns {@code report_variant}, {@code processing_date}, {@code source_file}, {@code
 * loaded_at} and {@code extra_columns}. All tables are partitioned by day of {@code metric_date}.
 */
public final class Tables {

  public static final TableDefinition DOWNLOADS = downloads();
  public static final TableDefinition ENGAGEMENT = engagement();
  public static final TableDefinition SALES = sales();

  private static final List<TableDefinition> ALL = List.of(DOWNLOADS, ENGAGEMENT, SALES);

  private Tables() {}

  /** Returns all tables, in the order above. */
  public static List<TableDefinition> all() {
    return ALL;
  }

  /**
   * Returns the table with the given name.
   *
   * @throws IllegalArgumentException if no table has that name
   */
  public static TableDefinition byName(String name) {
    for (TableDefinition table : ALL) {
      if (table.name().equals(name)) {
        return table;
      }
    }

    throw new IllegalArgumentException(
        "Invalid table name: "
            + name
            + " (expected one of "
            + ALL.stream().map(TableDefinition::name).collect(Collectors.joining(", "))
            + ")");
  }

  private static TableDefinition downloads() {
    List<Column> columns = new ArrayList<>(analyticsLeadingColumns());
    columns.add(text("app_name", "App Name", "App name."));
    columns.add(
        text(
            "download_type",
            "Download Type",
            "Kind of download, such as First-time download, Redownload, Manual update, Auto-update"
                + " or Restore; Apple's capitalisation varies, so compare case-insensitively."));
    columns.add(text("app_version", "App Version", "App version downloaded."));
    columns.add(text("device", "Device", "Device type."));
    columns.add(text("platform_version", "Platform Version", "Operating system version."));
    columns.add(text("source_type", "Source Type", "Where the user found the app."));
    columns.add(text("source_info", "Source Info", "Referring app or web domain (Detailed only)."));
    columns.add(text("campaign", "Campaign", "App Analytics campaign token (Detailed only)."));
    columns.add(text("page_type", "Page Type", "Page the download came from."));
    columns.add(
        text(
            "page_title", "Page Title", "Product page or in-app event page name (Detailed only)."));
    columns.add(text("pre_order", "Pre-Order", "Whether the download came from a pre-order."));
    columns.add(text("territory", "Territory", "App Store country or region as Apple writes it."));
    columns.add(
        Column.of("counts", ColumnType.BIGINT, "Number of downloads.")
            .fromHeader("Counts")
            .requiredInEveryFile());
    columns.addAll(lineageColumns("Standard or Detailed: the App Downloads report variant."));

    return TableDefinition.builder("downloads")
        .doc(
            "App Downloads Standard and Detailed reports: one row per report row, from the report"
                + " instance with the latest processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "app_apple_id",
            "metric_date",
            "granularity",
            "report_variant",
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
            "territory")
        .build();
  }

  private static TableDefinition engagement() {
    List<Column> columns = new ArrayList<>(analyticsLeadingColumns());
    columns.add(text("app_name", "App Name", "App name."));
    columns.add(
        text(
            "event",
            "Event",
            "Engagement event: Impression, Page view or Tap; kept as a column, not pivoted."));
    columns.add(text("page_type", "Page Type", "Page on which the event happened."));
    columns.add(
        text(
            "page_title", "Page Title", "Product page or in-app event page name (Detailed only)."));
    columns.add(text("source_type", "Source Type", "Where the user found the app."));
    columns.add(text("source_info", "Source Info", "Referring app or web domain (Detailed only)."));
    columns.add(text("campaign", "Campaign", "App Analytics campaign token (Detailed only)."));
    columns.add(
        text(
            "engagement_type",
            "Engagement Type",
            "Action taken, such as Get, Update, Redownload or Open; null when the row has no"
                + " action."));
    columns.add(text("device", "Device", "Device type."));
    columns.add(text("platform_version", "Platform Version", "Operating system version."));
    columns.add(text("territory", "Territory", "App Store country or region as Apple writes it."));
    columns.add(
        Column.of("counts", ColumnType.BIGINT, "Number of events.")
            .fromHeader("Counts")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "unique_counts",
                ColumnType.BIGINT,
                "Number of unique users; cannot be summed across rows or days.")
            .fromHeader("Unique Counts")
            .requiredInEveryFile());
    columns.addAll(
        lineageColumns("Standard or Detailed: the Discovery and Engagement report variant."));

    return TableDefinition.builder("engagement")
        .doc(
            "App Store Discovery and Engagement Standard and Detailed reports (impressions, page"
                + " views, taps): one row per report row, from the report instance with the latest"
                + " processing date that contains the metric date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "app_apple_id",
            "metric_date",
            "granularity",
            "report_variant",
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
            "territory")
        .nonSummableColumns("unique_counts")
        .build();
  }

  private static TableDefinition sales() {
    List<Column> columns = new ArrayList<>();
    columns.add(
        Column.of(
            "app_apple_id",
            ColumnType.BIGINT,
            "The app's Apple ID: Apple Identifier for app rows; for in-app purchase rows, the Apple"
                + " Identifier of the app row in the same file whose SKU equals Parent Identifier,"
                + " or null when the file has no such row."));
    columns.add(
        Column.of("metric_date", ColumnType.DATE, "Begin Date of the report row.").notNull());
    columns.add(granularityColumn());
    columns.add(text("provider", "Provider", "Service provider, typically APPLE."));
    columns.add(text("provider_country", "Provider Country", "Provider country, typically US."));
    columns.add(
        text("sku", "SKU", "SKU of the app, or product ID of the in-app purchase.")
            .requiredInEveryFile());
    columns.add(text("developer", "Developer", "Developer (provider) name."));
    columns.add(
        text("title", "Title", "App name, or in-app purchase name or product ID.")
            .requiredInEveryFile());
    columns.add(text("version", "Version", "App version."));
    columns.add(
        text(
                "product_type_identifier",
                "Product Type Identifier",
                "Kind of transaction, such as 1F (app), 7 (update) or IA1 (in-app purchase).")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "units",
                ColumnType.decimal(18, 2),
                "Units sold; negative for refunds and bundle credits.")
            .fromHeader("Units")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "developer_proceeds",
                ColumnType.decimal(18, 4),
                "Proceeds per unit in currency_of_proceeds, after taxes and commission.")
            .fromHeader("Developer Proceeds")
            .requiredInEveryFile());
    columns.add(
        Column.of("begin_date", ColumnType.DATE, "First day of the report period.")
            .fromHeader("Begin Date")
            .requiredInEveryFile());
    columns.add(
        Column.of("end_date", ColumnType.DATE, "Last day of the report period.")
            .fromHeader("End Date")
            .requiredInEveryFile());
    columns.add(
        text("customer_currency", "Customer Currency", "ISO 4217 currency the customer paid in."));
    columns.add(
        text("country_code", "Country Code", "Two-letter storefront country code.")
            .requiredInEveryFile());
    columns.add(
        text(
                "currency_of_proceeds",
                "Currency of Proceeds",
                "ISO 4217 currency of developer_proceeds and proceeds.")
            .requiredInEveryFile());
    columns.add(
        Column.of("apple_identifier", ColumnType.BIGINT, "Apple ID of the row's product.")
            .fromHeader("Apple Identifier")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "customer_price",
                ColumnType.decimal(18, 4),
                "Price per unit paid by the customer, including tax; negative for refunds.")
            .fromHeader("Customer Price"));
    columns.add(text("promo_code", "Promo Code", "Promotion of the transaction, if any."));
    columns.add(
        text(
            "parent_identifier",
            "Parent Identifier",
            "For in-app purchases: the SKU of the parent app."));
    columns.add(
        text("subscription", "Subscription", "For auto-renewable subscriptions: New or Renewal."));
    columns.add(text("period", "Period", "Subscription duration, such as 1 month."));
    columns.add(text("category", "Category", "App category, such as Games."));
    columns.add(text("cmb", "CMB", "CMB for a completed-bundle purchase, CMB-C for its credit."));
    columns.add(text("device", "Device", "Purchase device, such as iPhone or Desktop."));
    columns.add(
        text("supported_platforms", "Supported Platforms", "Platforms, such as iOS or macOS."));
    columns.add(
        text(
            "proceeds_reason",
            "Proceeds Reason",
            "Rate After One Year when the reduced commission applies."));
    columns.add(
        text("preserved_pricing", "Preserved Pricing", "Yes when a renewal kept its old price."));
    columns.add(text("client", "Client", "App Store for iMessage, News, or null."));
    columns.add(
        text(
            "order_type",
            "Order Type",
            "Offer type, pre-order marker or promotional offer order ID."));
    columns.add(
        Column.of(
            "proceeds",
            ColumnType.decimal(18, 4),
            "units * developer_proceeds in currency_of_proceeds, rounded half-even to 4 decimals;"
                + " no exchange rate applied."));
    columns.add(
        Column.of(
            "is_first_time_download",
            ColumnType.BOOLEAN,
            "True for product types 1, 1F, 1T, F1, 1E, 1EP, 1EU and 1-B (first-time downloads)."));
    columns.add(
        Column.of(
            "vendor_number",
            ColumnType.STRING,
            "Vendor number the report was fetched for; null for imported files."));
    columns.add(
        Column.of(
                "origin",
                ColumnType.STRING,
                "api for reports fetched from the API, import for files a user imported.")
            .notNull());
    columns.addAll(lineageColumns("SUMMARY: the Sales and Trends report subtype."));

    return TableDefinition.builder("sales")
        .doc(
            "Sales and Trends SALES SUMMARY reports: one row per report row, from the latest"
                + " landed report for each vendor and report date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "vendor_number",
            "metric_date",
            "granularity",
            "end_date",
            "provider",
            "provider_country",
            "sku",
            "developer",
            "title",
            "version",
            "product_type_identifier",
            "developer_proceeds",
            "customer_currency",
            "country_code",
            "currency_of_proceeds",
            "apple_identifier",
            "customer_price",
            "promo_code",
            "parent_identifier",
            "subscription",
            "period",
            "category",
            "cmb",
            "device",
            "supported_platforms",
            "proceeds_reason",
            "preserved_pricing",
            "client",
            "order_type")
        .nonSummableColumns("developer_proceeds", "customer_price")
        .build();
  }

  private static List<Column> analyticsLeadingColumns() {
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
        granularityColumn());
  }

  private static Column granularityColumn() {
    return Column.of(
            "granularity", ColumnType.STRING, "DAILY, WEEKLY or MONTHLY: the report's granularity.")
        .notNull();
  }

  private static List<Column> lineageColumns(String variantDoc) {
    return List.of(
        Column.of("report_variant", ColumnType.STRING, variantDoc).notNull(),
        Column.of(
                "processing_date",
                ColumnType.DATE,
                "Analytics: the report instance's processing date. Sales: the report date the"
                    + " file was fetched or imported for.")
            .notNull(),
        Column.of(
                "source_file",
                ColumnType.STRING,
                "Raw-zone key of the file the row came from, relative to the raw root.")
            .notNull(),
        Column.of(
                "loaded_at",
                ColumnType.TIMESTAMP,
                "UTC time the curation job wrote the row (timestamp without time zone).")
            .notNull(),
        Column.of(
            "extra_columns",
            ColumnType.MAP_STRING_STRING,
            "Report columns this table does not define, by header name as in the file; empty"
                + " when there are none."));
  }

  private static Column text(String name, String header, String doc) {
    return Column.of(name, ColumnType.STRING, doc).fromHeader(header);
  }
}
