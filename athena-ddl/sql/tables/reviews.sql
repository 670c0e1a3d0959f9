-- Customer reviews from the landed GET /v1/apps/{id}/customerReviews pages: one row per review id, the version from the latest landing.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`reviews` (
  `app_apple_id` bigint COMMENT 'Apple ID of the reviewed app.',
  `metric_date` date COMMENT 'UTC date of created_at, the day the review is counted for.',
  `review_id` string COMMENT 'Apple''s customer review id.',
  `rating` int COMMENT 'Star rating from 1 to 5.',
  `title` string COMMENT 'Review title as the customer wrote it.',
  `body` string COMMENT 'Review text as the customer wrote it.',
  `reviewer_nickname` string COMMENT 'The reviewer''s nickname.',
  `created_at` timestamp COMMENT 'createdDate converted to UTC (timestamp without time zone).',
  `created_utc_offset` string COMMENT 'UTC offset that Apple wrote in createdDate, such as -07:00 or Z.',
  `territory` string COMMENT 'App Store territory as Apple writes it: ISO 3166-1 alpha-3, such as USA.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of territory, mapped by the job; null when territory is null or has no mapping (reported in load_audit.unmapped_territories).',
  `response_id` string COMMENT 'Id of the developer''s response, when the page included it.',
  `response_body` string COMMENT 'Text of the developer''s response.',
  `response_last_modified_at` timestamp COMMENT 'lastModifiedDate of the response, converted to UTC.',
  `response_state` string COMMENT 'State of the response, such as PUBLISHED or PENDING_PUBLISH.',
  `fetched_date` date COMMENT 'UTC date of the fetch that landed this version of the review.',
  `landed_at` timestamp COMMENT 'UTC time the fetch''s manifest was written; the latest landing of a review id wins.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Review attributes this table does not define, by attribute name, as JSON text.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/reviews'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
