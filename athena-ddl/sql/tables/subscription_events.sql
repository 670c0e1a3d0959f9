-- Sales and Trends SUBSCRIPTION_EVENT SUMMARY reports: counts of subscription events, one row per report row, from the latest landed report per vendor and date.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`subscription_events` (
  `app_apple_id` bigint COMMENT 'Apple ID of the subscription''s parent app.',
  `metric_date` date COMMENT 'Event Date: the day the events happened.',
  `granularity` string COMMENT 'DAILY, WEEKLY or MONTHLY: the report''s granularity.',
  `event` string COMMENT 'Subscription event, such as Subscribe, Renew or Cancel.',
  `app_name` string COMMENT 'Title of the subscription''s parent app.',
  `subscription_name` string COMMENT 'Title of the subscription.',
  `subscription_apple_id` bigint COMMENT 'Apple ID of the subscription.',
  `subscription_group_id` bigint COMMENT 'The subscription''s group (formerly family) ID.',
  `standard_subscription_duration` string COMMENT 'Duration of the standard subscription, such as 1 Month.',
  `subscription_offer_type` string COMMENT 'Offer pricing: Pay Up Front, Pay As You Go or Free Trial.',
  `subscription_offer_duration` string COMMENT 'Duration of the offer, such as 7 Days.',
  `marketing_opt_in` string COMMENT 'Yes when a marketing opt-in was included.',
  `marketing_opt_in_duration` string COMMENT 'Duration of the marketing opt-in.',
  `preserved_pricing` string COMMENT 'Yes when a renewal kept its old price.',
  `proceeds_reason` string COMMENT 'Rate After One Year when the reduced commission applies.',
  `subscription_offer_name` string COMMENT 'Reference name of the subscription offer.',
  `promotional_offer_id` string COMMENT 'Identifier of the offer, if any.',
  `consecutive_paid_periods` bigint COMMENT 'Paid periods without cancellation, free and grace periods excluded.',
  `original_start_date` date COMMENT 'Day of the first purchase.',
  `device` string COMMENT 'Device of the first purchase, such as iPhone.',
  `client` string COMMENT 'News when bought in News, otherwise null.',
  `state` string COMMENT 'State from the customer''s account address; not validated.',
  `country` string COMMENT 'App Store country as Apple writes it: ISO 3166-1 alpha-2 in Apple''s documentation, alpha-3 in some older files.',
  `territory_code` string COMMENT 'ISO 3166-1 alpha-2 code of country, mapped by the job; null when country is null or has no mapping (reported in load_audit.unmapped_territories).',
  `previous_subscription_name` string COMMENT 'For upgrades, downgrades and crossgrades: the previous subscription.',
  `previous_subscription_apple_id` bigint COMMENT 'For upgrades, downgrades and crossgrades: the previous subscription''s Apple ID.',
  `days_before_canceling` bigint COMMENT 'For cancellations: days from the start date to the cancellation.',
  `cancellation_reason` string COMMENT 'Why the subscription was canceled, such as Billing issue or Price increase.',
  `days_canceled` bigint COMMENT 'For reactivations: days since the subscriber canceled.',
  `quantity` bigint COMMENT 'Number of events with the same values in the other columns.',
  `vendor_number` string COMMENT 'Vendor number the report was fetched for.',
  `report_variant` string COMMENT 'SUMMARY: the SUBSCRIPTION_EVENT report subtype.',
  `processing_date` date COMMENT 'The report date the file was fetched for.',
  `source_file` string COMMENT 'Raw-zone key of the file the row came from, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Report columns this table does not define, by header name as in the file; empty when there are none.'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/subscription_events'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
