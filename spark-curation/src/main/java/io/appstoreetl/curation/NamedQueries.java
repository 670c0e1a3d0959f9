package io.appstoreetl.curation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready-made queries that {@code appstore-etl query --named NAME} runs, written in Spark SQL over
 * the tables of the current database.
 */
public final class NamedQueries {

  /** Query text by name, in the order the usage text lists them. */
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    // The five topics with the most reviews per app, with the share of negative reviews among the
    // scored ones (reviews in languages without a sentiment model have no label).
    QUERIES.put(
        "review-topics",
        "SELECT app_apple_id, topic_rank, topic_id, topic_terms, reviews, negative_share FROM ("
            + " SELECT app_apple_id, topic_id, concat_ws(', ', topic_terms) AS topic_terms,"
            + " COUNT(*) AS reviews,"
            + " ROUND(AVG(CASE WHEN sentiment_label = 'negative' THEN 1.0"
            + " WHEN sentiment_label IS NOT NULL THEN 0.0 END), 3) AS negative_share,"
            + " ROW_NUMBER() OVER (PARTITION BY app_apple_id"
            + " ORDER BY COUNT(*) DESC, topic_id) AS topic_rank"
            + " FROM review_insights WHERE topic_id IS NOT NULL"
            + " GROUP BY app_apple_id, topic_id, topic_terms)"
            + " WHERE topic_rank <= 5 ORDER BY app_apple_id, topic_rank");
    // Per app and week (starting on Monday): reviews, scored reviews, their mean sentiment score
    // and the share of negative ones.
    QUERIES.put(
        "review-sentiment",
        "SELECT app_apple_id, CAST(date_trunc('week', metric_date) AS DATE) AS week_start,"
            + " COUNT(*) AS reviews, COUNT(sentiment_score) AS scored_reviews,"
            + " ROUND(AVG(sentiment_score), 3) AS mean_sentiment,"
            + " ROUND(AVG(CASE WHEN sentiment_label = 'negative' THEN 1.0"
            + " WHEN sentiment_label IS NOT NULL THEN 0.0 END), 3) AS negative_share"
            + " FROM review_insights GROUP BY 1, 2 ORDER BY 1, 2");
  }

  private NamedQueries() {}

  /** Returns the names of the queries. */
  public static Iterable<String> names() {
    return QUERIES.keySet();
  }

  /**
   * Returns the text of a named query.
   *
   * @throws IllegalArgumentException naming the value and the known names when there is none
   */
  public static String sql(String name) {
    String sql = QUERIES.get(name);
    if (sql == null) {
      throw new IllegalArgumentException(
          "Invalid --named value: "
              + name
              + " (expected one of "
              + String.join(", ", QUERIES.keySet())
              + ")");
    }

    return sql;
  }
}
