-- Sales and Trends SUBSCRIPTION SUMMARY reports: the subscriptions active on each report date, one row per report row, from the latest landed report per vendor and date.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`subscriptions` (
  `app_apple_id` bigint COMMENT 'Apple ID of the subscription''s parent app.',
  `metric_date` date COMMENT 'The report date: the rows are a snapshot of the subscriptions active that day.',
  `granularity` string COMMENT 'DAILY, WEEKLY or MONTHLY: the report''s granularity.',
  `app_name` string COMMENT 'Title of the subscription''s parent app.',
  `subscription_name` string COMMENT 'Title of the subscription.',
  `subscription_apple_id` bigint COMMENT 'Apple ID of the subscription.',
  `subscription_group_id` bigint COMMENT 'The subscription''s group (formerly family) ID.',
  `standard_subscription_duration` string COMMENT 'Duration of the standard subscription, such as 1 Month.',
  `subscription_offer_name` string COMMENT 'Reference name of the subscription offer.',
  `promotional_offer_id` string COMMENT 'Identifier of the offer, if any.',
  `customer_price` decimal(18,4) COMMENT 'Retail price charged to the customer per subscription period.',
  `customer_currency` string COMMENT 'ISO 4217 customer currency.',
  `developer_proceeds` decimal(18,4) COMMENT 'Proceeds per subscription, in proceeds_currency.',
  `proceeds_currency` string COMMENT 'ISO 4217 currency of the proceeds.',
  `preserved_pricing` string COMMENT 'Yes when a renewal kept its old price.',
  `proceeds_reason` string COMMENT 'Rate After One Year when the reduced commission applies.',
  `client` string COMMENT 'News when bought in News, otherwise null.',
  `device` string COMMENT 'Device of the purchase, such as iPhone.',
  `state` string COMMENT 'State from the customer''s account address; not validated.',
  `country` string COMMENT 'App Store country as Apple writes it: ISO 3166-1 alpha-2 in Apple''s documentation, alpha-3 in some older files.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of country, mapped by the job; null when country is null or has no mapping (reported in load_audit.unmapped_territories).',
  `active_standard_price_subscriptions` bigint COMMENT 'Active paid subscriptions at the standard price.',
  `active_free_trial_introductory_offer_subscriptions` bigint COMMENT 'Introductory offers currently in a free trial.',
  `active_pay_up_front_introductory_offer_subscriptions` bigint COMMENT 'Introductory offers currently at a pay-up-front price.',
  `active_pay_as_you_go_introductory_offer_subscriptions` bigint COMMENT 'Introductory offers currently at a pay-as-you-go price.',
  `free_trial_promotional_offer_subscriptions` bigint COMMENT 'Promotional offers currently in a free trial.',
  `pay_up_front_promotional_offer_subscriptions` bigint COMMENT 'Promotional offers at a pay-up-front price.',
  `pay_as_you_go_promotional_offer_subscriptions` bigint COMMENT 'Promotional offers at a pay-as-you-go price.',
  `free_trial_offer_code_subscriptions` bigint COMMENT 'Offer-code subscriptions currently in a free trial.',
  `pay_up_front_offer_code_subscriptions` bigint COMMENT 'Offer-code subscriptions at a pay-up-front price.',
  `pay_as_you_go_offer_code_subscriptions` bigint COMMENT 'Offer-code subscriptions at a pay-as-you-go price.',
  `marketing_opt_ins` bigint COMMENT 'Subscriptions in a marketing opt-in bonus period.',
  `billing_retry` bigint COMMENT 'Subscriptions whose renewal Apple is retrying.',
  `grace_period` bigint COMMENT 'Subscriptions in the billing grace period.',
  `subscribers` bigint COMMENT 'Subscribers with access, family members included; Apple leaves it empty for rows of 3 or fewer subscriptions, so sums undercount.',
  `vendor_number` string COMMENT 'Vendor number the report was fetched for.',
  `report_variant` string COMMENT 'SUMMARY: the SUBSCRIPTION report subtype.',
  `processing_date` date COMMENT 'The report date the file was fetched for.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Report columns this table does not define, by header name as in the file; empty when there are none.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/subscriptions'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
