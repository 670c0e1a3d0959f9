package io.appstoreetl.tables;

import static io.appstoreetl.tables.CommonColumns.count;
import static io.appstoreetl.tables.CommonColumns.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The Sales and Trends tables ({@code sales}, {@code subscriptions}, {@code subscription_events})
 * and the {@code finance} table of monthly financial reports.
 */
final class SalesTables {

  private SalesTables() {}

  static TableDefinition sales() {
    List<Column> columns = new ArrayList<>();
    columns.add(
        Column.of(
            "app_apple_id",
            ColumnType.BIGINT,
            "The app's Apple ID: Apple Identifier for app rows; for in-app purchase rows, the app"
                + " whose SKU equals Parent Identifier (see attribution), or null when no app has"
                + " that SKU."));
    columns.add(
        Column.of("metric_date", ColumnType.DATE, "Begin Date of the report row.").notNull());
    columns.add(CommonColumns.granularity());
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
        text("country_code", "Country Code", "ISO 3166-1 alpha-2 storefront country code.")
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
            "attribution",
            ColumnType.STRING,
            "How app_apple_id was found: app_row (the row's own Apple Identifier), apps_table"
                + " (Parent Identifier is the SKU of an app in the apps table), same_file (Parent"
                + " Identifier is the SKU of an app row in the same file), or null when no app"
                + " matched."));
    columns.add(
        CommonColumns.vendorNumber(
            "Vendor number the report was fetched for, or taken from an imported file's Apple"
                + " file name (S_D_<vendor>_<yyyymmdd>); null for other imported files."));
    columns.add(
        Column.of(
                "origin",
                ColumnType.STRING,
                "api for reports fetched from the API, import for files a user imported.")
            .notNull());
    columns.addAll(
        CommonColumns.lineage(
            "SUMMARY: the Sales and Trends report subtype.",
            "The report date the file was fetched or imported for."));

    return TableDefinition.builder("sales")
        .doc(
            "Sales and Trends SALES SUMMARY reports (DAILY, WEEKLY, MONTHLY): one row per report"
                + " row, from one landed report per vendor, granularity and Begin Date.")
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

  /**
   * Returns the SUBSCRIPTION SUMMARY table.
   *
   * <p>Apple's help page for report version 1_3 lists the columns from App Name to Active Standard
   * Price Subscriptions. The offer, billing and subscriber counts after it are marked with a NOTE,
   * because only other clients' parsers name them. Columns are read by header name, so a version
   * that drops or adds columns still loads (added ones go to extra_columns).
   */
  static TableDefinition subscriptions() {
    List<Column> columns = new ArrayList<>();
    columns.add(
        Column.of("app_apple_id", ColumnType.BIGINT, "Apple ID of the subscription's parent app.")
            .notNull()
            .fromHeader("App Apple ID")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "metric_date",
                ColumnType.DATE,
                "The report date: the rows are a snapshot of the subscriptions active that day.")
            .notNull());
    columns.add(CommonColumns.granularity());
    columns.add(text("app_name", "App Name", "Title of the subscription's parent app."));
    columns.addAll(subscriptionIdentity());
    columns.add(
        text(
                "subscription_offer_name",
                "Subscription Offer Name",
                "Reference name of the subscription offer.")
            .alsoFromHeaders("Promotional Offer Name"));
    columns.add(
        text("promotional_offer_id", "Promotional Offer ID", "Identifier of the offer, if any."));
    columns.add(
        Column.of(
                "customer_price",
                ColumnType.decimal(18, 4),
                "Retail price charged to the customer per subscription period.")
            .fromHeader("Customer Price"));
    columns.add(text("customer_currency", "Customer Currency", "ISO 4217 customer currency."));
    columns.add(
        Column.of(
                "developer_proceeds",
                ColumnType.decimal(18, 4),
                "Proceeds per subscription, in proceeds_currency.")
            .fromHeader("Developer Proceeds"));
    columns.add(
        text("proceeds_currency", "Proceeds Currency", "ISO 4217 currency of the proceeds."));
    columns.add(
        text("preserved_pricing", "Preserved Pricing", "Yes when a renewal kept its old price."));
    columns.add(
        text(
            "proceeds_reason",
            "Proceeds Reason",
            "Rate After One Year when the reduced commission applies."));
    columns.add(text("client", "Client", "News when bought in News, otherwise null."));
    columns.add(text("device", "Device", "Device of the purchase, such as iPhone."));
    columns.add(
        text("state", "State", "State from the customer's account address; not validated."));
    columns.add(
        text(
            "country",
            "Country",
            "App Store country as Apple writes it: ISO 3166-1 alpha-2 in Apple's documentation,"
                + " alpha-3 in some older files."));
    columns.add(CommonColumns.territoryCode("country"));
    columns.add(
        count(
                "active_standard_price_subscriptions",
                "Active Standard Price Subscriptions",
                "Active paid subscriptions at the standard price.")
            .requiredInEveryFile());
    // NOTE: Apple's help page for version 1_3 confirms the columns up to here. The ones below,
    // down to subscribers, are named only by other clients' parsers of this report.
    columns.add(
        count(
            "active_free_trial_introductory_offer_subscriptions",
            "Active Free Trial Introductory Offer Subscriptions",
            "Introductory offers currently in a free trial."));
    columns.add(
        count(
            "active_pay_up_front_introductory_offer_subscriptions",
            "Active Pay Up Front Introductory Offer Subscriptions",
            "Introductory offers currently at a pay-up-front price."));
    columns.add(
        count(
            "active_pay_as_you_go_introductory_offer_subscriptions",
            "Active Pay As You Go Introductory Offer Subscriptions",
            "Introductory offers currently at a pay-as-you-go price."));
    columns.add(
        count(
            "free_trial_promotional_offer_subscriptions",
            "Free Trial Promotional Offer Subscriptions",
            "Promotional offers currently in a free trial."));
    columns.add(
        count(
            "pay_up_front_promotional_offer_subscriptions",
            "Pay Up Front Promotional Offer Subscriptions",
            "Promotional offers at a pay-up-front price."));
    columns.add(
        count(
            "pay_as_you_go_promotional_offer_subscriptions",
            "Pay As You Go Promotional Offer Subscriptions",
            "Promotional offers at a pay-as-you-go price."));
    columns.add(
        count(
            "free_trial_offer_code_subscriptions",
            "Free Trial Offer Code Subscriptions",
            "Offer-code subscriptions currently in a free trial."));
    columns.add(
        count(
            "pay_up_front_offer_code_subscriptions",
            "Pay Up Front Offer Code Subscriptions",
            "Offer-code subscriptions at a pay-up-front price."));
    columns.add(
        count(
            "pay_as_you_go_offer_code_subscriptions",
            "Pay As You Go Offer Code Subscriptions",
            "Offer-code subscriptions at a pay-as-you-go price."));
    columns.add(
        count(
            "marketing_opt_ins",
            "Marketing Opt-Ins",
            "Subscriptions in a marketing opt-in bonus period."));
    columns.add(
        count("billing_retry", "Billing Retry", "Subscriptions whose renewal Apple is retrying."));
    columns.add(
        count("grace_period", "Grace Period", "Subscriptions in the billing grace period."));
    columns.add(
        count(
            "subscribers",
            "Subscribers",
            "Subscribers with access, family members included; Apple leaves it empty for rows of"
                + " 3 or fewer subscriptions, so sums undercount."));
    columns.add(CommonColumns.vendorNumber("Vendor number the report was fetched for."));
    columns.addAll(
        CommonColumns.lineage(
            "SUMMARY: the SUBSCRIPTION report subtype.",
            "The report date the file was fetched for."));

    return TableDefinition.builder("subscriptions")
        .doc(
            "Sales and Trends SUBSCRIPTION SUMMARY reports: the subscriptions active on each report"
                + " date, one row per report row, from the latest landed report per vendor and"
                + " date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "vendor_number",
            "app_apple_id",
            "metric_date",
            "granularity",
            "subscription_apple_id",
            "subscription_offer_name",
            "promotional_offer_id",
            "customer_price",
            "customer_currency",
            "developer_proceeds",
            "proceeds_currency",
            "preserved_pricing",
            "proceeds_reason",
            "client",
            "device",
            "state",
            "country")
        .nonSummableColumns("customer_price", "developer_proceeds", "subscribers")
        .build();
  }

  /**
   * Returns the SUBSCRIPTION_EVENT SUMMARY table.
   *
   * <p>Apple's help page for report version 1_3 lists the columns from Event Date to Promotional
   * Offer ID. The columns after it are marked with a NOTE, because only other clients' parsers and
   * samples name them.
   */
  static TableDefinition subscriptionEvents() {
    List<Column> columns = new ArrayList<>();
    columns.add(
        Column.of("app_apple_id", ColumnType.BIGINT, "Apple ID of the subscription's parent app.")
            .notNull()
            .fromHeader("App Apple ID")
            .requiredInEveryFile());
    columns.add(
        Column.of("metric_date", ColumnType.DATE, "Event Date: the day the events happened.")
            .notNull()
            .fromHeader("Event Date")
            .requiredInEveryFile());
    columns.add(CommonColumns.granularity());
    columns.add(
        text("event", "Event", "Subscription event, such as Subscribe, Renew or Cancel.")
            .requiredInEveryFile());
    columns.add(text("app_name", "App Name", "Title of the subscription's parent app."));
    columns.addAll(subscriptionIdentity());
    columns.add(
        text(
            "subscription_offer_type",
            "Subscription Offer Type",
            "Offer pricing: Pay Up Front, Pay As You Go or Free Trial."));
    columns.add(
        text(
            "subscription_offer_duration",
            "Subscription Offer Duration",
            "Duration of the offer, such as 7 Days."));
    columns.add(
        text("marketing_opt_in", "Marketing Opt-In", "Yes when a marketing opt-in was included."));
    columns.add(
        text(
            "marketing_opt_in_duration",
            "Marketing Opt-In Duration",
            "Duration of the marketing opt-in."));
    columns.add(
        text("preserved_pricing", "Preserved Pricing", "Yes when a renewal kept its old price."));
    columns.add(
        text(
            "proceeds_reason",
            "Proceeds Reason",
            "Rate After One Year when the reduced commission applies."));
    columns.add(
        text(
                "subscription_offer_name",
                "Subscription Offer Name",
                "Reference name of the subscription offer.")
            .alsoFromHeaders("Promotional Offer Name"));
    columns.add(
        text("promotional_offer_id", "Promotional Offer ID", "Identifier of the offer, if any."));
    // NOTE: Apple's help page for version 1_3 confirms the columns up to here. The ones below,
    // down to quantity, are named only by other clients' parsers and samples of this report.
    columns.add(
        Column.of(
                "consecutive_paid_periods",
                ColumnType.BIGINT,
                "Paid periods without cancellation, free and grace periods excluded.")
            .fromHeader("Consecutive Paid Periods"));
    columns.add(
        Column.of("original_start_date", ColumnType.DATE, "Day of the first purchase.")
            .fromHeader("Original Start Date"));
    columns.add(text("device", "Device", "Device of the first purchase, such as iPhone."));
    columns.add(text("client", "Client", "News when bought in News, otherwise null."));
    columns.add(
        text("state", "State", "State from the customer's account address; not validated."));
    columns.add(
        text(
            "country",
            "Country",
            "App Store country as Apple writes it: ISO 3166-1 alpha-2 in Apple's documentation,"
                + " alpha-3 in some older files."));
    columns.add(CommonColumns.territoryCode("country"));
    columns.add(
        text(
            "previous_subscription_name",
            "Previous Subscription Name",
            "For upgrades, downgrades and crossgrades: the previous subscription."));
    columns.add(
        count(
            "previous_subscription_apple_id",
            "Previous Subscription Apple ID",
            "For upgrades, downgrades and crossgrades: the previous subscription's Apple ID."));
    columns.add(
        count(
            "days_before_canceling",
            "Days Before Canceling",
            "For cancellations: days from the start date to the cancellation."));
    columns.add(
        text(
            "cancellation_reason",
            "Cancellation Reason",
            "Why the subscription was canceled, such as Billing issue or Price increase."));
    columns.add(
        count(
            "days_canceled",
            "Days Canceled",
            "For reactivations: days since the subscriber canceled."));
    columns.add(
        count("quantity", "Quantity", "Number of events with the same values in the other columns.")
            .requiredInEveryFile());
    columns.add(CommonColumns.vendorNumber("Vendor number the report was fetched for."));
    columns.addAll(
        CommonColumns.lineage(
            "SUMMARY: the SUBSCRIPTION_EVENT report subtype.",
            "The report date the file was fetched for."));

    return TableDefinition.builder("subscription_events")
        .doc(
            "Sales and Trends SUBSCRIPTION_EVENT SUMMARY reports: counts of subscription events,"
                + " one row per report row, from the latest landed report per vendor and date.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "vendor_number",
            "app_apple_id",
            "metric_date",
            "granularity",
            "event",
            "subscription_apple_id",
            "subscription_offer_type",
            "subscription_offer_duration",
            "marketing_opt_in",
            "marketing_opt_in_duration",
            "preserved_pricing",
            "proceeds_reason",
            "subscription_offer_name",
            "promotional_offer_id",
            "consecutive_paid_periods",
            "original_start_date",
            "device",
            "client",
            "state",
            "country",
            "previous_subscription_apple_id",
            "days_before_canceling",
            "cancellation_reason",
            "days_canceled")
        .build();
  }

  /**
   * Returns the finance table of FINANCIAL and FINANCE_DETAIL reports.
   *
   * <p>The columns are Apple's financial report fields from Start Date to Apple Identifier (Apple's
   * help page on financial report fields) and the other headers of an EU earnings report of 2014.
   * NOTE: FINANCE_DETAIL reports have more columns, which are unconfirmed and land in
   * extra_columns.
   */
  static TableDefinition finance() {
    List<Column> columns = new ArrayList<>();
    columns.add(
        Column.of(
            "app_apple_id",
            ColumnType.BIGINT,
            "apple_identifier for rows of apps; null for in-app purchase rows (product types"
                + " starting with IA or FI), whose parent app the report does not name."));
    columns.add(
        Column.of("metric_date", ColumnType.DATE, "Start Date of the row's fiscal period.")
            .notNull());
    columns.add(
        Column.of(
                "granularity",
                ColumnType.STRING,
                "MONTHLY: one Apple fiscal month, which runs 4 or 5 weeks.")
            .notNull());
    columns.add(
        Column.of("start_date", ColumnType.DATE, "First day of the fiscal period.")
            .fromHeader("Start Date")
            .requiredInEveryFile());
    columns.add(
        Column.of("end_date", ColumnType.DATE, "Last day of the fiscal period.")
            .fromHeader("End Date"));
    columns.add(text("upc", "UPC", "Universal Product Code; null for apps."));
    columns.add(text("isrc_isbn", "ISRC/ISBN", "Recording or book code; null for apps."));
    columns.add(
        text("vendor_identifier", "Vendor Identifier", "SKU of the app or in-app purchase."));
    columns.add(
        Column.of("quantity", ColumnType.BIGINT, "Units; negative for returns.")
            .fromHeader("Quantity")
            .requiredInEveryFile());
    columns.add(
        Column.of(
                "partner_share",
                ColumnType.decimal(18, 4),
                "Proceeds per unit in partner_share_currency; positive also for returns.")
            .fromHeader("Partner Share"));
    columns.add(
        Column.of(
                "extended_partner_share",
                ColumnType.decimal(18, 4),
                "quantity * partner_share as Apple computed it; negative for returns.")
            .fromHeader("Extended Partner Share")
            .requiredInEveryFile());
    columns.add(
        text(
                "partner_share_currency",
                "Partner Share Currency",
                "ISO 4217 currency of the partner share.")
            .requiredInEveryFile());
    columns.add(
        text("sales_or_return", "Sales or Return", "S for a sale, R for a return.")
            .alsoFromHeaders("Sale or Return"));
    columns.add(
        Column.of("apple_identifier", ColumnType.BIGINT, "Apple ID of the row's product.")
            .fromHeader("Apple Identifier"));
    columns.add(
        text(
            "artist_show_developer_author",
            "Artist/Show/Developer/Author",
            "Developer name for apps."));
    columns.add(text("title", "Title", "Product title."));
    columns.add(
        text(
            "label_studio_network_developer_publisher",
            "Label/Studio/Network/Developer/Publisher",
            "Publisher name for apps."));
    columns.add(text("grid", "Grid", "Global Release Identifier; null for apps."));
    columns.add(
        text(
            "product_type_identifier",
            "Product Type Identifier",
            "Kind of product, such as 1F or IA1."));
    columns.add(
        text("isan_other_identifier", "ISAN/Other Identifier", "Other identifier; null for apps."));
    columns.add(
        text(
            "country_of_sale",
            "Country Of Sale",
            "ISO 3166-1 alpha-2 code of the storefront of the sale."));
    columns.add(CommonColumns.territoryCode("country_of_sale"));
    columns.add(text("pre_order_flag", "Pre-order Flag", "Set for pre-orders."));
    columns.add(text("promo_code", "Promo Code", "Promotion of the transaction, if any."));
    columns.add(
        Column.of(
                "customer_price",
                ColumnType.decimal(18, 4),
                "Price per unit paid by the customer; negative for returns.")
            .fromHeader("Customer Price"));
    columns.add(
        text("customer_currency", "Customer Currency", "ISO 4217 currency the customer paid in."));
    columns.add(
        Column.of("region", ColumnType.STRING, "Region code the report was fetched for.")
            .notNull());
    columns.add(
        Column.of(
                "fiscal_month",
                ColumnType.STRING,
                "Apple fiscal month YYYY-MM the report was fetched for.")
            .notNull());
    columns.add(CommonColumns.vendorNumber("Vendor number the report was fetched for."));
    columns.addAll(
        CommonColumns.lineage(
            "FINANCIAL or FINANCE_DETAIL: the finance report type.",
            "First day of fiscal_month (the finance API names months, not days)."));

    return TableDefinition.builder("finance")
        .doc(
            "Monthly financial reports (FINANCIAL, FINANCE_DETAIL) per region: one row per report"
                + " row, from the latest landed report per vendor, region and fiscal month. Footer"
                + " lines (Total_Rows, Total_Amount, Total_Units) are checked against the rows, not"
                + " stored.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "vendor_number",
            "region",
            "fiscal_month",
            "report_variant",
            "metric_date",
            "end_date",
            "vendor_identifier",
            "apple_identifier",
            "product_type_identifier",
            "country_of_sale",
            "sales_or_return",
            "partner_share",
            "partner_share_currency",
            "customer_price",
            "customer_currency",
            "promo_code",
            "pre_order_flag")
        .nonSummableColumns("partner_share", "customer_price")
        .build();
  }

  private static List<Column> subscriptionIdentity() {
    return List.of(
        text("subscription_name", "Subscription Name", "Title of the subscription."),
        count("subscription_apple_id", "Subscription Apple ID", "Apple ID of the subscription.")
            .requiredInEveryFile(),
        count(
            "subscription_group_id",
            "Subscription Group ID",
            "The subscription's group (formerly family) ID."),
        text(
                "standard_subscription_duration",
                "Standard Subscription Duration",
                "Duration of the standard subscription, such as 1 Month.")
            .alsoFromHeaders("Subscription Duration"));
  }
}
