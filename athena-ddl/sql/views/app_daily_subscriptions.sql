-- Per app and day, from the DAILY Sales and Trends subscription reports. active_subscriptions
-- counts paid subscriptions active on the day: standard price and every paid introductory,
-- promotional and offer-code price. trials counts subscriptions in a free trial of any kind, and
-- cancellations the events named Cancel. The counts describe one day each, so never add them up
-- across days. A metric without rows on a day is 0.
CREATE OR REPLACE VIEW ${database}.app_daily_subscriptions AS
SELECT
  app_apple_id,
  metric_date,
  SUM(active_subscriptions) AS active_subscriptions,
  SUM(trials) AS trials,
  SUM(cancellations) AS cancellations
FROM (
  SELECT
    app_apple_id,
    metric_date,
    COALESCE(active_standard_price_subscriptions, 0)
      + COALESCE(active_pay_up_front_introductory_offer_subscriptions, 0)
      + COALESCE(active_pay_as_you_go_introductory_offer_subscriptions, 0)
      + COALESCE(pay_up_front_promotional_offer_subscriptions, 0)
      + COALESCE(pay_as_you_go_promotional_offer_subscriptions, 0)
      + COALESCE(pay_up_front_offer_code_subscriptions, 0)
      + COALESCE(pay_as_you_go_offer_code_subscriptions, 0) AS active_subscriptions,
    COALESCE(active_free_trial_introductory_offer_subscriptions, 0)
      + COALESCE(free_trial_promotional_offer_subscriptions, 0)
      + COALESCE(free_trial_offer_code_subscriptions, 0) AS trials,
    CAST(0 AS BIGINT) AS cancellations
  FROM ${database}.subscriptions
  WHERE granularity = 'DAILY'
  UNION ALL
  SELECT
    app_apple_id,
    metric_date,
    0,
    0,
    quantity
  FROM ${database}.subscription_events
  WHERE granularity = 'DAILY' AND LOWER(event) = 'cancel'
) AS subscription_metrics
GROUP BY app_apple_id, metric_date
