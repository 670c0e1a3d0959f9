-- Per app, week and topic, from review_insights: how many reviews the sentiment model scored and
-- which share of them is negative. A week starts on Monday and is keyed by that day. Reviews
-- without a label (languages other than English) are left out. English reviews without a topic
-- are counted under a NULL topic_id. topic_terms names the topic in the current model version.
CREATE OR REPLACE VIEW ${database}.review_weekly_negative_share AS
SELECT
  app_apple_id,
  CAST(date_trunc('week', metric_date) AS DATE) AS week_start,
  topic_id,
  topic_terms,
  COUNT(*) AS scored_reviews,
  SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) AS negative_reviews,
  CAST(SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) AS DOUBLE)
    / COUNT(*) AS negative_share
FROM ${database}.review_insights
WHERE sentiment_label IS NOT NULL
GROUP BY app_apple_id, CAST(date_trunc('week', metric_date) AS DATE), topic_id, topic_terms
