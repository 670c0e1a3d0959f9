-- One row per raw unit that a curation run considered: what it read, wrote and rejected. Runs append; the latest row of a unit describes its current state.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`load_audit` (
  `run_id` string COMMENT 'The curation run.',
  `loaded_at` timestamp COMMENT 'UTC time of the curation run (timestamp without time zone).',
  `unit_key` string COMMENT 'Raw-zone key of the unit folder.',
  `unit_hash` string COMMENT 'First 16 hex digits of the SHA-256 of unit_key: the file name of the unit''s index entries.',
  `source` string COMMENT 'analytics, sales, finance, reviews, apps or apple_ads.',
  `report` string COMMENT 'Report slug, as in the raw-zone key.',
  `table_name` string COMMENT 'The table the unit feeds; null for a report this job does not curate.',
  `granularity` string COMMENT 'DAILY, WEEKLY or MONTHLY.',
  `app_apple_id` bigint COMMENT 'The unit''s app, for analytics, reviews and Apple Ads search terms.',
  `vendor_number` string COMMENT 'The unit''s vendor number, if any.',
  `origin` string COMMENT 'api or import.',
  `processing_date` date COMMENT 'Analytics: the instance''s processing date.',
  `report_date` date COMMENT 'Sales: the report date; finance: the fiscal month''s first day; reviews, apps and apple_ads: the fetch date.',
  `landed_at` timestamp COMMENT 'UTC time the unit''s manifest was written.',
  `candidate_dates` array<date> COMMENT 'Metric dates this run recomputed for which the date index names the unit.',
  `won_dates` array<date> COMMENT 'The candidate dates whose rows this run took from the unit.',
  `status` string COMMENT 'loaded (rows taken), empty (an empty unit won its date), superseded (another unit won every candidate date), rejected (every file rejected whole), or not_curated (a report or manifest status this job does not curate).',
  `files` int COMMENT 'Files of the unit that were read.',
  `rows_read` bigint COMMENT 'Data rows read from the unit for its won dates, rejected rows included.',
  `rows_written` bigint COMMENT 'Rows of the unit written to its table.',
  `rows_rejected` bigint COMMENT 'Rows of the unit sent to quarantine, rows of files rejected whole included.',
  `checksum` string COMMENT 'MD5 (hex) of each file read, in manifest order, joined by commas; each was compared with the manifest''s md5 where the manifest has one.',
  `footer_check` string COMMENT 'Result of checking Total_* footer lines against the rows: ok or mismatch with the figures; null when the files have no footer.',
  `unknown_columns` array<string> COMMENT 'Report headers (or JSON attributes) the table does not define; their values are kept in the table''s extra_columns.',
  `unmapped_territories` array<string> COMMENT 'Territory names or codes with no ISO 3166-1 alpha-2 mapping; their rows have a null territory_code.',
  `message` string COMMENT 'Why files were rejected whole, or other notes; null when there are none.'
)
PARTITIONED BY (day(`loaded_at`))
LOCATION '${warehouse}/${database}.db/load_audit'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
