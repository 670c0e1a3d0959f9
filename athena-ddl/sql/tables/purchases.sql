-- App Store Purchases Standard and Detailed reports: one row per report row, from the report instance with the latest processing date that contains the metric date.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`purchases` (
  `app_apple_id` bigint COMMENT 'The app''s Apple ID.',
  `metric_date` date COMMENT 'Day the row is about; the first day of the week or month for WEEKLY and MONTHLY rows.',
  `granularity` string COMMENT 'DAILY, WEEKLY or MONTHLY: the report''s granularity.',
  `app_name` string COMMENT 'App name.',
  `purchase_type` string COMMENT 'App purchase or In-app purchases (Apple''s words).',
  `content_name` string COMMENT 'The app name for paid apps, the in-app purchase''s name for in-app purchases.',
  `content_apple_id` bigint COMMENT 'Apple ID of the app or in-app purchase bought.',
  `payment_method` string COMMENT 'How the customer paid.',
  `device` string COMMENT 'Device type.',
  `platform_version` string COMMENT 'Operating system version.',
  `source_type` string COMMENT 'Where the user found the app.',
  `source_info` string COMMENT 'Referring app or web domain (Detailed only).',
  `campaign` string COMMENT 'App Analytics campaign token (Detailed only).',
  `page_type` string COMMENT 'Page the app was downloaded from.',
  `page_title` string COMMENT 'Product page or in-app event page name (Detailed only).',
  `app_download_date` date COMMENT 'Day the app was downloaded; null when that was more than 30 days before the metric date.',
  `pre_order` string COMMENT 'Whether the purchase was a pre-order.',
  `territory` string COMMENT 'App Store country or region as Apple writes it.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of territory, mapped by the job; null when territory is null or has no mapping (reported in load_audit.unmapped_territories).',
  `purchases` bigint COMMENT 'Number of purchases; negative for refunds. Zero with negative proceeds is a partial refund.',
  `proceeds_in_usd` double COMMENT 'Estimated proceeds in USD: customer price minus tax and Apple''s commission.',
  `sales_in_usd` double COMMENT 'Estimated customer spend in USD.',
  `paying_users` bigint COMMENT 'Number of unique paying users; cannot be summed across rows or days.',
  `report_variant` string COMMENT 'Standard or Detailed: the App Store Purchases report variant.',
  `processing_date` date COMMENT 'The report instance''s processing date.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Report columns this table does not define, by header name as in the file; empty when there are none.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/purchases'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
