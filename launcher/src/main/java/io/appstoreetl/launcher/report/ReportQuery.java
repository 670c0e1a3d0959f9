package io.appstoreetl.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one Spark SQL statement behind the report, and the reading of its JSON lines result.
 *
 * <p>Every row has the columns {@code kind}, {@code app_apple_id}, {@code name}, {@code
 * metric_date}, {@code currency} and {@code value}. The daily metrics follow the view {@code
 * app_daily_metrics}: Standard DAILY rows, total downloads are first-time downloads plus
 * redownloads, and impressions come from {@code engagement.event}. Proceeds follow {@code
 * app_daily_proceeds}: DAILY sales rows, summed per currency of proceeds.
 */
public final class ReportQuery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportQuery() {}

  /**
   * Returns the statement over the tables that exist, for metric dates {@code from} to {@code to}.
   * Tables missing from {@code existingTables} are left out.
   */
  public static String sql(Set<String> existingTables, LocalDate from, LocalDate to) {
    List<String> parts = new ArrayList<>();
    String window = " AND metric_date BETWEEN DATE '" + from + "' AND DATE '" + to + "'";
    String standardDaily = " WHERE report_variant = 'Standard' AND granularity = 'DAILY'" + window;

    for (String table : FreshnessRules.tables()) {
      if (existingTables.contains(table)) {
        parts.add(
            "SELECT 'latest' AS kind, app_apple_id, '"
                + table
                + "' AS name, MAX(metric_date) AS metric_date, CAST(NULL AS STRING) AS currency,"
                + " CAST(NULL AS STRING) AS value FROM appstore."
                + table
                + " WHERE app_apple_id IS NOT NULL AND granularity = 'DAILY' GROUP BY app_apple_id");
      }
    }
    if (existingTables.contains("apps")) {
      parts.add(
          "SELECT 'app_name', app_apple_id, name, CAST(NULL AS DATE), NULL, NULL FROM appstore.apps"
              + " WHERE app_apple_id IS NOT NULL");
    }
    if (existingTables.contains("downloads")) {
      parts.add(
          "SELECT 'row_name', app_apple_id, MAX(app_name), CAST(NULL AS DATE), NULL, NULL FROM"
              + " appstore.downloads GROUP BY app_apple_id");
      parts.add(
          metric(
              ReportData.DOWNLOADS,
              "CASE WHEN LOWER(download_type) IN ('first-time download', 'redownload') THEN counts"
                  + " ELSE 0 END",
              "downloads",
              standardDaily));
    }
    if (existingTables.contains("engagement")) {
      parts.add(
          metric(
              ReportData.IMPRESSIONS,
              "CASE WHEN LOWER(event) = 'impression' THEN counts ELSE 0 END",
              "engagement",
              standardDaily));
      parts.add(
          metric(
              ReportData.UNIQUE_IMPRESSIONS,
              "CASE WHEN LOWER(event) = 'impression' THEN unique_counts ELSE 0 END",
              "engagement",
              standardDaily));
    }
    if (existingTables.contains("sessions")) {
      parts.add(metric(ReportData.SESSIONS, "sessions", "sessions", standardDaily));
    }
    if (existingTables.contains("sales")) {
      parts.add(
          "SELECT 'proceeds', app_apple_id, 'proceeds', metric_date, currency_of_proceeds,"
              + " CAST(COALESCE(SUM(proceeds), 0) AS STRING) FROM appstore.sales WHERE granularity = 'DAILY'"
              + " AND app_apple_id IS NOT NULL AND currency_of_proceeds IS NOT NULL"
              + window
              + " GROUP BY app_apple_id, metric_date, currency_of_proceeds");
    }
    if (existingTables.contains("review_insights")) {
      parts.add(
          "SELECT 'metric', app_apple_id, '"
              + ReportData.SENTIMENT
              + "', metric_date, NULL, CAST(ROUND(AVG(sentiment_score), 3) AS STRING)"
              + " FROM appstore.review_insights WHERE sentiment_score IS NOT NULL"
              + window
              + " GROUP BY app_apple_id, metric_date");
      // The rank travels in the currency column and the review count in the value column.
      parts.add(
          "SELECT 'topic', app_apple_id, terms, CAST(NULL AS DATE), CAST(topic_rank AS STRING),"
              + " CAST(reviews AS STRING) FROM (SELECT app_apple_id,"
              + " concat_ws(', ', topic_terms) AS terms, COUNT(*) AS reviews,"
              + " ROW_NUMBER() OVER (PARTITION BY app_apple_id ORDER BY COUNT(*) DESC, topic_id)"
              + " AS topic_rank FROM appstore.review_insights WHERE topic_id IS NOT NULL"
              + window
              + " GROUP BY app_apple_id, topic_id, topic_terms) WHERE topic_rank <= 5");
    }
    if (parts.isEmpty()) {
      return null;
    }

    return String.join(" UNION ALL ", parts);
  }

  private static String metric(String name, String expression, String table, String where) {
    return "SELECT 'metric', app_apple_id, '"
        + name
        + "', metric_date, NULL, CAST(COALESCE(SUM("
        + expression
        + "), 0) AS STRING) FROM appstore."
        + table
        + where
        + " GROUP BY app_apple_id, metric_date";
  }

  /**
   * Reads the statement's result, one JSON object per line.
   *
   * @throws IllegalArgumentException if a line is not a result row of {@link #sql}
   */
  public static ReportData read(List<String> jsonLines) {
    ReportData data = new ReportData();
    for (String line : jsonLines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = JSON.readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read report query row: " + line, e);
      }
      String kind = row.path("kind").asText();
      long appId = row.path("app_apple_id").asLong();
      String name = row.path("name").isNull() ? null : row.path("name").asText();
      switch (kind) {
        case "latest" -> data.latest(appId, name, date(row));
        case "app_name" -> data.name(appId, name, true);
        case "row_name" -> data.name(appId, name, false);
        case "metric" -> data.value(appId, name, date(row), decimal(row));
        case "proceeds" ->
            data.value(
                appId,
                ReportData.PROCEEDS_PREFIX + row.path("currency").asText(),
                date(row),
                decimal(row));
        case "topic" ->
            data.topic(
                appId,
                new ReportData.Topic(
                    Integer.parseInt(row.path("currency").asText()),
                    name,
                    Long.parseLong(row.path("value").asText())));
        default -> throw new IllegalArgumentException("Invalid report query row kind: " + kind);
      }
    }

    return data;
  }

  private static LocalDate date(JsonNode row) {
    return LocalDate.parse(row.path("metric_date").asText());
  }

  private static BigDecimal decimal(JsonNode row) {
    return new BigDecimal(row.path("value").asText());
  }
}
