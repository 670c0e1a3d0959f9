-- The apps the API key can see (GET /v1/apps), from the newest landed listing; each run that curates apps replaces the whole table.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`apps` (
  `app_apple_id` bigint COMMENT 'The app''s Apple ID (resource id).',
  `name` string COMMENT 'App name.',
  `bundle_id` string COMMENT 'Bundle identifier.',
  `sku` string COMMENT 'The app''s SKU; sales rows of in-app purchases name it in Parent Identifier.',
  `primary_locale` string COMMENT 'Primary locale, such as en-US.',
  `fetched_date` date COMMENT 'UTC date of the listing.',
  `landed_at` timestamp COMMENT 'UTC time the listing''s manifest was written.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'App attributes this table does not define, by attribute name, as JSON text.'
)
PARTITIONED BY (day(`fetched_date`))
LOCATION '${warehouse}/${database}.db/apps'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
