-- Sales and Trends SALES SUMMARY reports (DAILY, WEEKLY, MONTHLY): one row per report row, from one landed report per vendor, granularity and Begin Date.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`sales` (
  `app_apple_id` bigint COMMENT 'The app''s Apple ID: Apple Identifier for app rows; for in-app purchase rows, the app whose SKU equals Parent Identifier (see attribution), or null when no app has that SKU.',
  `metric_date` date COMMENT 'Begin Date of the report row.',
  `granularity` string COMMENT 'DAILY, WEEKLY or MONTHLY: the report''s granularity.',
  `provider` string COMMENT 'Service provider, typically APPLE.',
  `provider_country` string COMMENT 'Provider country, typically US.',
  `sku` string COMMENT 'SKU of the app, or product ID of the in-app purchase.',
  `developer` string COMMENT 'Developer (provider) name.',
  `title` string COMMENT 'App name, or in-app purchase name or product ID.',
  `version` string COMMENT 'App version.',
  `product_type_identifier` string COMMENT 'Kind of transaction, such as 1F (app), 7 (update) or IA1 (in-app purchase).',
  `units` decimal(18,2) COMMENT 'Units sold; negative for refunds and bundle credits.',
  `developer_proceeds` decimal(18,4) COMMENT 'Proceeds per unit in currency_of_proceeds, after taxes and commission.',
  `begin_date` date COMMENT 'First day of the report period.',
  `end_date` date COMMENT 'Last day of the report period.',
  `customer_currency` string COMMENT 'ISO 4217 currency the customer paid in.',
  `country_code` string COMMENT 'ISO 3166-1 alpha-2 storefront country code.',
  `currency_of_proceeds` string COMMENT 'ISO 4217 currency of developer_proceeds and proceeds.',
  `apple_identifier` bigint COMMENT 'Apple ID of the row''s product.',
  `customer_price` decimal(18,4) COMMENT 'Price per unit paid by the customer, including tax; negative for refunds.',
  `promo_code` string COMMENT 'Promotion of the transaction, if any.',
  `parent_identifier` string COMMENT 'For in-app purchases: the SKU of the parent app.',
  `subscription` string COMMENT 'For auto-renewable subscriptions: New or Renewal.',
  `period` string COMMENT 'Subscription duration, such as 1 month.',
  `category` string COMMENT 'App category, such as Games.',
  `cmb` string COMMENT 'CMB for a completed-bundle purchase, CMB-C for its credit.',
  `device` string COMMENT 'Purchase device, such as iPhone or Desktop.',
  `supported_platforms` string COMMENT 'Platforms, such as iOS or macOS.',
  `proceeds_reason` string COMMENT 'Rate After One Year when the reduced commission applies.',
  `preserved_pricing` string COMMENT 'Yes when a renewal kept its old price.',
  `client` string COMMENT 'App Store for iMessage, News, or null.',
  `order_type` string COMMENT 'Offer type, pre-order marker or promotional offer order ID.',
  `proceeds` decimal(18,4) COMMENT 'units * developer_proceeds in currency_of_proceeds, rounded half-even to 4 decimals; no exchange rate applied.',
  `is_first_time_download` boolean COMMENT 'True for product types 1, 1F, 1T, F1, 1E, 1EP, 1EU and 1-B (first-time downloads).',
  `attribution` string COMMENT 'How app_apple_id was found: app_row (the row''s own Apple Identifier), apps_table (Parent Identifier is the SKU of an app in the apps table), same_file (Parent Identifier is the SKU of an app row in the same file), or null when no app matched.',
  `vendor_number` string COMMENT 'Vendor number the report was fetched for, or taken from an imported file''s Apple file name (S_D_<vendor>_<yyyymmdd>); null for other imported files.',
  `origin` string COMMENT 'api for reports fetched from the API, import for files a user imported.',
  `report_variant` string COMMENT 'SUMMARY: the Sales and Trends report subtype.',
  `processing_date` date COMMENT 'The report date the file was fetched or imported for.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Report columns this table does not define, by header name as in the file; empty when there are none.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/sales'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
