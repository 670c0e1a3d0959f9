package io.appstoreetl.tables;

import java.util.List;

/** Tables read from Apple Ads Platform API v1 report responses: search terms. */
final class AdsTables {

  private AdsTables() {}

  static TableDefinition searchTerms() {
    List<Column> columns =
        List.of(
            Column.of(
                    "app_apple_id",
                    ColumnType.BIGINT,
                    "Apple ID (adamId) of the app the campaign promotes.")
                .notNull(),
            Column.of(
                    "metric_date",
                    ColumnType.DATE,
                    "The day of granularMetrics[].date, in the ad account's time zone.")
                .notNull(),
            Column.of(
                    "campaign_id",
                    ColumnType.BIGINT,
                    "The Apple Ads campaign; rows of a campaign and day all come from the same"
                        + " landing.")
                .notNull(),
            Column.of(
                "search_term",
                ColumnType.STRING,
                "The search query (searchTermText) as Apple sends it; null on undisclosed rows."),
            Column.of(
                "search_term_source",
                ColumnType.STRING,
                "searchTermSource as Apple sends it, such as TARGETED (a bidded keyword) or AUTO"
                    + " (Search Match); null on undisclosed rows."),
            Column.of(
                "country",
                ColumnType.STRING,
                "countryOrRegion as Apple sends it (ISO 3166-1 alpha-2, such as US); null on"
                    + " undisclosed rows."),
            Column.of(
                    "undisclosed",
                    ColumnType.BOOLEAN,
                    "True for the one row per app, campaign and day that sums the low-volume rows"
                        + " Apple sends without searchTermText; never a search term.")
                .notNull(),
            Column.of(
                    "impressions",
                    ColumnType.BIGINT,
                    "Impressions, summed over keywords, ad groups and report rows.")
                .notNull(),
            Column.of("taps", ColumnType.BIGINT, "Taps, summed like impressions.").notNull(),
            Column.of(
                    "installs",
                    ColumnType.BIGINT,
                    "Tap-through installs (tapInstalls; installs in API v5), summed like"
                        + " impressions. Apple attributes them up to 30 days after the tap, so"
                        + " recent days grow until then.")
                .notNull(),
            Column.of(
                    "spend",
                    ColumnType.decimal(18, 4),
                    "localSpend amounts, summed exactly, in spend_currency.")
                .notNull(),
            Column.of(
                    "spend_currency",
                    ColumnType.STRING,
                    "ISO 4217 currency of spend (localSpend.currency), the ad account's currency.")
                .notNull(),
            Column.of(
                    "fetched_date",
                    ColumnType.DATE,
                    "UTC date of the fetch that landed the rows: the newest landing of the"
                        + " campaign that covers the day.")
                .notNull(),
            Column.of(
                    "landed_at",
                    ColumnType.TIMESTAMP,
                    "UTC time the landing's manifest was written; per campaign and day the latest"
                        + " landing wins.")
                .notNull(),
            Column.of(
                    "source_file",
                    ColumnType.STRING,
                    "Raw-zone key of the first page, in page order, that holds a report row summed"
                        + " into this row, relative to the raw root.")
                .notNull(),
            CommonColumns.loadedAt());

    return TableDefinition.builder("search_terms")
        .doc(
            "Apple Ads search terms from the landed POST /v1/reports/apps/searchterms/query"
                + " pages: one row per app, day, campaign, search term, term source, country and"
                + " currency, summed over keywords and ad groups, from the newest landing of each"
                + " campaign that covers the day.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns(
            "app_apple_id",
            "metric_date",
            "campaign_id",
            "search_term",
            "search_term_source",
            "country",
            "undisclosed",
            "spend_currency")
        .build();
  }
}
