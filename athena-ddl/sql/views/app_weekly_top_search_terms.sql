-- Top Apple Ads search terms per app and week, from search_terms: the 10 terms with the most
-- installs (then taps, then impressions, then the term in alphabetical order), summed over
-- campaigns, countries, term sources and the days of the week. Weeks start on Monday, and days are
-- those of the ad account's time zone, as Apple reports them. The undisclosed low-volume rows are
-- left out because they are no term. Spend is summed only when all of a term's rows in the week
-- have one currency. Otherwise spend and spend_currency are NULL, because no exchange rate is
-- applied.
-- Written in the SQL that both Spark SQL and Athena (Trino) accept. date_trunc('week', ...) returns
-- the Monday as a timestamp in Spark and as a date in Athena, and the CAST to DATE makes them
-- equal.
CREATE OR REPLACE VIEW ${database}.app_weekly_top_search_terms AS
SELECT
  app_apple_id,
  week_start,
  term_rank,
  search_term,
  impressions,
  taps,
  installs,
  spend,
  spend_currency
FROM (
  SELECT
    app_apple_id,
    week_start,
    search_term,
    impressions,
    taps,
    installs,
    CASE WHEN currencies = 1 THEN spend END AS spend,
    CASE WHEN currencies = 1 THEN spend_currency END AS spend_currency,
    ROW_NUMBER() OVER (
      PARTITION BY app_apple_id, week_start
      ORDER BY installs DESC, taps DESC, impressions DESC, search_term
    ) AS term_rank
  FROM (
    SELECT
      app_apple_id,
      CAST(date_trunc('week', metric_date) AS DATE) AS week_start,
      search_term,
      SUM(impressions) AS impressions,
      SUM(taps) AS taps,
      SUM(installs) AS installs,
      SUM(spend) AS spend,
      MIN(spend_currency) AS spend_currency,
      COUNT(DISTINCT spend_currency) AS currencies
    FROM ${database}.search_terms
    WHERE NOT undisclosed
    GROUP BY app_apple_id, CAST(date_trunc('week', metric_date) AS DATE), search_term
  ) weekly_terms
) ranked_terms
WHERE term_rank <= 10
