package io.appstoreetl.tables;

import java.util.List;

/** Tables that the Spark job derives from curated tables rather than from raw files. */
final class InsightTables {

  private InsightTables() {}

  static TableDefinition reviewInsights() {
    List<Column> columns =
        List.of(
            Column.of("app_apple_id", ColumnType.BIGINT, "Apple ID of the reviewed app.").notNull(),
            Column.of(
                    "metric_date",
                    ColumnType.DATE,
                    "The review's metric_date in reviews: UTC date of created_at.")
                .notNull(),
            Column.of(
                    "review_id",
                    ColumnType.STRING,
                    "Apple's customer review id; joins to reviews.review_id.")
                .notNull(),
            Column.of(
                "territory",
                ColumnType.STRING,
                "App Store territory of the review as Apple writes it, such as USA."),
            CommonColumns.territoryCode("territory"),
            Column.of(
                "language",
                ColumnType.STRING,
                "ISO 639-1 code of the language detected in title and body, such as en; null when"
                    + " the text is empty or matches none of the detected languages."),
            Column.of(
                "sentiment_score",
                ColumnType.DOUBLE,
                "VADER compound score from -1 (most negative) to 1 (most positive); null unless"
                    + " language is en."),
            Column.of(
                "sentiment_label",
                ColumnType.STRING,
                "positive (score >= 0.05), negative (score <= -0.05) or neutral; null when"
                    + " sentiment_score is null."),
            Column.of(
                "topic_id",
                ColumnType.INT,
                "Cluster of the review in the topic model topic_model_version, from 0; null when"
                    + " the review is not in English or has no word of the model's vocabulary."),
            Column.of(
                "topic_terms",
                ColumnType.array(ColumnType.STRING),
                "The topic's top terms, heaviest first; null when topic_id is null."),
            Column.of(
                "topic_model_version",
                ColumnType.STRING,
                "Version of the topic model that set topic_id, such as topics-v1; null when no"
                    + " model exists yet."),
            Column.of(
                    "sentiment_model",
                    ColumnType.STRING,
                    "The sentiment and language models, such as vader-1.0+lingua-1.2.2.")
                .notNull(),
            Column.of(
                    "content_hash",
                    ColumnType.STRING,
                    "SHA-256 of the title and body that were scored, in hex; a review whose hash"
                        + " changes is scored again.")
                .notNull(),
            Column.of(
                    "review_landed_at",
                    ColumnType.TIMESTAMP,
                    "landed_at of the reviews row that was scored.")
                .notNull(),
            CommonColumns.sourceFile(),
            CommonColumns.loadedAt());

    return TableDefinition.builder("review_insights")
        .doc(
            "Sentiment and topic of each review in reviews: one row per review id, scored by the"
                + " current sentiment and topic models.")
        .columns(columns)
        .partition(PartitionField.day("metric_date"))
        .keyColumns("review_id")
        .build();
  }
}
