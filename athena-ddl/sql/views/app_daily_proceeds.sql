-- Per app, day and currency of proceeds, from the DAILY rows of the Sales and Trends sales
-- summary: units and proceeds (units times developer proceeds). No exchange rate is applied, so
-- proceeds add up only within one currency. In-app purchase rows that the job could not attribute
-- to an app are summed under a NULL app_apple_id.
CREATE OR REPLACE VIEW ${database}.app_daily_proceeds AS
SELECT
  app_apple_id,
  metric_date,
  currency_of_proceeds,
  SUM(units) AS units,
  SUM(proceeds) AS proceeds
FROM ${database}.sales
WHERE granularity = 'DAILY'
GROUP BY app_apple_id, metric_date, currency_of_proceeds
