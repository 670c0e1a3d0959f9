-- Per app and day, from the Standard DAILY rows of the analytics reports: downloads, store
-- engagement, conversion, installs and deletions, sessions and estimated proceeds in USD.
-- Written in the SQL that both Spark SQL and Athena (Trino) accept: unquoted identifiers, no
-- engine-specific functions, and a CAST to DOUBLE before dividing, because Trino divides BIGINTs
-- as integers.
-- unique_impressions and active_devices add up Apple's unique counts over the rows of a day, so a
-- user or device that appears in several rows (for example on two devices or source types) is
-- counted more than once. A metric without rows on a day is 0, and conversion is NULL when the day has
-- no unique impressions.
CREATE OR REPLACE VIEW ${database}.app_daily_metrics AS
SELECT
  app_apple_id,
  metric_date,
  SUM(first_time_downloads) AS first_time_downloads,
  SUM(total_downloads) AS total_downloads,
  SUM(impressions) AS impressions,
  SUM(unique_impressions) AS unique_impressions,
  SUM(product_page_views) AS product_page_views,
  CAST(SUM(total_downloads) AS DOUBLE) / NULLIF(SUM(unique_impressions), 0) AS conversion,
  SUM(installs) AS installs,
  SUM(deletions) AS deletions,
  SUM(sessions) AS sessions,
  SUM(active_devices) AS active_devices,
  SUM(proceeds_in_usd) AS proceeds_in_usd
FROM (
  SELECT
    app_apple_id,
    metric_date,
    CASE WHEN LOWER(download_type) = 'first-time download' THEN counts ELSE 0 END
      AS first_time_downloads,
    CASE WHEN LOWER(download_type) IN ('first-time download', 'redownload') THEN counts ELSE 0 END
      AS total_downloads,
    CAST(0 AS BIGINT) AS impressions,
    CAST(0 AS BIGINT) AS unique_impressions,
    CAST(0 AS BIGINT) AS product_page_views,
    CAST(0 AS BIGINT) AS installs,
    CAST(0 AS BIGINT) AS deletions,
    CAST(0 AS BIGINT) AS sessions,
    CAST(0 AS BIGINT) AS active_devices,
    CAST(0 AS DOUBLE) AS proceeds_in_usd
  FROM ${database}.downloads
  WHERE report_variant = 'Standard' AND granularity = 'DAILY'
  UNION ALL
  SELECT
    app_apple_id,
    metric_date,
    0,
    0,
    CASE WHEN LOWER(event) = 'impression' THEN counts ELSE 0 END,
    CASE WHEN LOWER(event) = 'impression' THEN unique_counts ELSE 0 END,
    CASE WHEN LOWER(event) = 'page view' THEN counts ELSE 0 END,
    0,
    0,
    0,
    0,
    0
  FROM ${database}.engagement
  WHERE report_variant = 'Standard' AND granularity = 'DAILY'
  UNION ALL
  SELECT
    app_apple_id,
    metric_date,
    0,
    0,
    0,
    0,
    0,
    CASE WHEN LOWER(event) = 'install' THEN counts ELSE 0 END,
    CASE WHEN LOWER(event) = 'delete' THEN counts ELSE 0 END,
    0,
    0,
    0
  FROM ${database}.installs_deletions
  WHERE report_variant = 'Standard' AND granularity = 'DAILY'
  UNION ALL
  SELECT
    app_apple_id,
    metric_date,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    sessions,
    unique_devices,
    0
  FROM ${database}.sessions
  WHERE report_variant = 'Standard' AND granularity = 'DAILY'
  UNION ALL
  SELECT
    app_apple_id,
    metric_date,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    proceeds_in_usd
  FROM ${database}.purchases
  WHERE report_variant = 'Standard' AND granularity = 'DAILY'
) AS metrics
GROUP BY app_apple_id, metric_date
