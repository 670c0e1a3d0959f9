-- Apple Ads search terms from the landed POST /v1/reports/apps/searchterms/query pages: one row per app, day, campaign, search term, term source, country and currency, summed over keywords and ad groups, from the newest landing of each campaign that covers the day.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`search_terms` (
  `app_apple_id` bigint COMMENT 'Apple ID (adamId) of the app the campaign promotes.',
  `metric_date` date COMMENT 'The day of granularMetrics[].date, in the ad account''s time zone.',
  `campaign_id` bigint COMMENT 'The Apple Ads campaign; rows of a campaign and day all come from the same landing.',
  `search_term` string COMMENT 'The search query (searchTermText) as Apple sends it; null on undisclosed rows.',
  `search_term_source` string COMMENT 'searchTermSource as Apple sends it, such as TARGETED (a bidded keyword) or AUTO (Search Match); null on undisclosed rows.',
  `country` string COMMENT 'countryOrRegion as Apple sends it (ISO 3166-1 alpha-2, such as US); null on undisclosed rows.',
  `undisclosed` boolean COMMENT 'True for the one row per app, campaign and day that sums the low-volume rows Apple sends without searchTermText; never a search term.',
  `impressions` bigint COMMENT 'Impressions, summed over keywords, ad groups and report rows.',
  `taps` bigint COMMENT 'Taps, summed like impressions.',
  `installs` bigint COMMENT 'Tap-through installs (tapInstalls; installs in API v5), summed like impressions. Apple attributes them up to 30 days after the tap, so recent days grow until then.',
  `spend` decimal(18,4) COMMENT 'localSpend amounts, summed exactly, in spend_currency.',
  `spend_currency` string COMMENT 'ISO 4217 currency of spend (localSpend.currency), the ad account''s currency.',
  `fetched_date` date COMMENT 'UTC date of the fetch that landed the rows: the newest landing of the campaign that covers the day.',
  `landed_at` timestamp COMMENT 'UTC time the landing''s manifest was written; per campaign and day the latest landing wins.',
  `source_file` string COMMENT 'Raw-zone key of the first page, in page order, that holds a report row summed into this row, relative to the raw root.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).'
)
PARTITIONED BY (day(`metric_date`))
LOCATION '${warehouse}/${database}.db/search_terms'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
