-- Sentiment and topic of each review in reviews: one row per review id, scored by the current sentiment and topic models.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`review_insights` (
  `app_apple_id` bigint COMMENT 'Apple ID of the reviewed app.',
  `metric_date` date COMMENT 'The review''s metric_date in reviews: UTC date of created_at.',
  `review_id` string COMMENT 'Apple''s customer review id; joins to reviews.review_id.',
  `territory` string COMMENT 'App Store territory of the review as Apple writes it, such as USA.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of territory, mapped by the job; null when territory is null or has no mapping (reported in load_audit.unmapped_territories).',
  `language` string COMMENT 'ISO 639-1 code of the language detected in title and body, such as en; null when the text is empty or matches none of the detected languages.',
  `sentiment_score` double COMMENT 'VADER compound score from -1 (most negative) to 1 (most positive); null unless language is en.',
  `sentiment_label` string COMMENT 'positive (score >= 0.05), negative (score <= -0.05) or neutral; null when sentiment_score is null.',
  `topic_id` int COMMENT 'Cluster of the review in the topic model topic_model_version, from 0; null when the review is not in English or has no word of the model''s vocabulary.',
  `topic_terms` array<string> COMMENT 'The topic''s top terms, heaviest first; null when topic_id is null.',
  `topic_model_version` string COMMENT 'Version of the topic model that set topic_id, such as topics-v1; null when no model exists yet.',
  `sentiment_model` string COMMENT 'The sentiment and language models, such as vader-1.0+lingua-1.2.2.',
  `content_hash` string COMMENT 'SHA-256 of the title and body that were scored, in hex; a review whose hash changes is scored again.',
  `review_landed_at` timestamp COMMENT 'landed_at of the reviews row that was scored.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/review_insights'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
