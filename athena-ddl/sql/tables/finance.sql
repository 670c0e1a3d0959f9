-- Monthly financial reports (FINANCIAL, FINANCE_DETAIL) per region: one row per report row, from the latest landed report per vendor, region and fiscal month. Footer lines (Total_Rows, Total_Amount, Total_Units) are checked against the rows, not stored.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`finance` (
  `app_apple_id` bigint COMMENT 'apple_identifier for rows of apps; null for in-app purchase rows (product types starting with IA or FI), whose parent app the report does not name.',
  `metric_date` date COMMENT 'Start Date of the row''s fiscal period.',
  `granularity` string COMMENT 'MONTHLY: one Apple fiscal month, which runs 4 or 5 weeks.',
  `start_date` date COMMENT 'First day of the fiscal period.',
  `end_date` date COMMENT 'Last day of the fiscal period.',
  `upc` string COMMENT 'Universal Product Code; null for apps.',
  `isrc_isbn` string COMMENT 'Recording or book code; null for apps.',
  `vendor_identifier` string COMMENT 'SKU of the app or in-app purchase.',
  `quantity` bigint COMMENT 'Units; negative for returns.',
  `partner_share` decimal(18,4) COMMENT 'Proceeds per unit in partner_share_currency; positive also for returns.',
  `extended_partner_share` decimal(18,4) COMMENT 'quantity * partner_share as Apple computed it; negative for returns.',
  `partner_share_currency` string COMMENT 'ISO 4217 currency of the partner share.',
  `sales_or_return` string COMMENT 'S for a sale, R for a return.',
  `apple_identifier` bigint COMMENT 'Apple ID of the row''s product.',
  `artist_show_developer_author` string COMMENT 'Developer name for apps.',
  `title` string COMMENT 'Product title.',
  `label_studio_network_developer_publisher` string COMMENT 'Publisher name for apps.',
  `grid` string COMMENT 'Global Release Identifier; null for apps.',
  `product_type_identifier` string COMMENT 'Kind of product, such as 1F or IA1.',
  `isan_other_identifier` string COMMENT 'Other identifier; null for apps.',
  `country_of_sale` string COMMENT 'ISO 3166-1 alpha-2 code of the storefront of the sale.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of country_of_sale, mapped by the job; null when country_of_sale is null or has no mapping (reported in load_audit.unmapped_territories).',
  `pre_order_flag` string COMMENT 'Set for pre-orders.',
  `promo_code` string COMMENT 'Promotion of the transaction, if any.',
  `customer_price` decimal(18,4) COMMENT 'Price per unit paid by the customer; negative for returns.',
  `customer_currency` string COMMENT 'ISO 4217 currency the customer paid in.',
  `region` string COMMENT 'Region code the report was fetched for.',
  `fiscal_month` string COMMENT 'Apple fiscal month YYYY-MM the report was fetched for.',
  `vendor_number` string COMMENT 'Vendor number the report was fetched for.',
  `report_variant` string COMMENT 'FINANCIAL or FINANCE_DETAIL: the finance report type.',
  `processing_date` date COMMENT 'First day of fiscal_month (the finance API names months, not days).',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Report columns this table does not define, by header name as in the file; empty when there are none.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/finance'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
