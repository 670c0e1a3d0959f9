package io.appstoreetl.tables;

import java.util.List;

/** Tables read from App Store Connect API pages rather than report files: reviews and apps. */
final class ApiTables {

  private ApiTables() {}

  static TableDefinition reviews() {
    List<Column> columns =
        List.of(
            Column.of("app_apple_id", ColumnType.BIGINT, "Apple ID of the reviewed app.").notNull(),
            Column.of(
                    "metric_date",
                    ColumnType.DATE,
                    "UTC date of created_at, the day the review is counted for.")
                .notNull(),
            Column.of("review_id", ColumnType.STRING, "Apple's customer review id.").notNull(),
            Column.of("rating", ColumnType.INT, "Star rating from 1 to 5."),
            Column.of("title", ColumnType.STRING, "Review title as the customer wrote it."),
            Column.of("body", ColumnType.STRING, "Review text as the customer wrote it."),
            Column.of("reviewer_nickname", ColumnType.STRING, "The reviewer's nickname."),
            Column.of(
                    "created_at",
                    ColumnType.TIMESTAMP,
                    "createdDate converted to UTC (timestamp without time zone).")
                .notNull(),
            Column.of(
                    "created_utc_offset",
                    ColumnType.STRING,
                    "UTC offset that Apple wrote in createdDate, such as -07:00 or Z.")
                .notNull(),
            Column.of(
                "territory",
                ColumnType.STRING,
                "App Store territory as Apple writes it: ISO 3166-1 alpha-3, such as USA."),
            CommonColumns.territoryCode("territory"),
            Column.of(
                "response_id",
                ColumnType.STRING,
                "Id of the developer's response, when the page included it."),
            Column.of("response_body", ColumnType.STRING, "Text of the developer's response."),
            Column.of(
                "response_last_modified_at",
                ColumnType.TIMESTAMP,
                "lastModifiedDate of the response, converted to UTC."),
            Column.of(
                "response_state",
                ColumnType.STRING,
                "State of the response, such as PUBLISHED or PENDING_PUBLISH."),
            Column.of(
                    "fetched_date",
                    ColumnType.DATE,
                    "UTC date of the fetch that landed this version of the review.")
                .notNull(),
            Column.of(
                    "landed_at",
                    ColumnType.TIMESTAMP,
                    "UTC time the fetch's manifest was written; the latest landing of a review id"
                        + " wins.")
                .notNull(),
            CommonColumns.sourceFile(),
            CommonColumns.loadedAt(),
            CommonColumns.extraColumns(
                "Review attributes this table does not define, by attribute name, as JSON text."));

    return TableDefinition.builder("reviews")
        .doc(
            "Customer reviews from the landed GET /v1/apps/{id}/customerReviews pages: one row per"
                + " review id, the version from the latest landing.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns("review_id")
        .build();
  }

  static TableDefinition apps() {
    List<Column> columns =
        List.of(
            Column.of("app_apple_id", ColumnType.BIGINT, "The app's Apple ID (resource id).")
                .notNull(),
            Column.of("name", ColumnType.STRING, "App name."),
            Column.of("bundle_id", ColumnType.STRING, "Bundle identifier."),
            Column.of(
                "sku",
                ColumnType.STRING,
                "The app's SKU; sales rows of in-app purchases name it in Parent Identifier."),
            Column.of("primary_locale", ColumnType.STRING, "Primary locale, such as en-US."),
            Column.of("fetched_date", ColumnType.DATE, "UTC date of the listing.").notNull(),
            Column.of(
                    "landed_at",
                    ColumnType.TIMESTAMP,
                    "UTC time the listing's manifest was written.")
                .notNull(),
            CommonColumns.sourceFile(),
            CommonColumns.loadedAt(),
            CommonColumns.extraColumns(
                "App attributes this table does not define, by attribute name, as JSON text."));

    return TableDefinition.builder("apps")
        .doc(
            "The apps the API key can see (GET /v1/apps), from the newest landed listing; each run"
                + " that curates apps replaces the whole table.")
        .columns(columns)
        .partition(PartitionField.day("fetched_date"))
        .keyColumns("app_apple_id")
        .build();
  }
}
