package io.appstoreetl.athena;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The analyst views, written by hand in {@code athena-ddl/sql/views/<name>.sql} and packaged in the
 * jar. Each file is one {@code CREATE OR REPLACE VIEW} in SQL that both Spark SQL and Athena
 * (Trino) accept, with the {@value AthenaDdl#DATABASE} placeholder for the database.
 *
 * <p>NOTE: the views are tested on Spark only. Neither Athena nor Trino has run them yet.
 */
public final class AthenaViews {

  /**
   * The views in the order {@code athena apply} creates them; a test checks it against sql/views.
   */
  public static final List<String> NAMES =
      List.of(
          "app_daily_metrics",
          "app_daily_proceeds",
          "app_daily_subscriptions",
          "app_weekly_top_search_terms",
          "review_weekly_negative_share");

  private AthenaViews() {}

  /** Returns the SQL of a view, placeholders unreplaced. */
  public static String sql(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "Invalid view: " + name + " (expected one of " + NAMES + ")");
    }

    String resource = "views/" + name + ".sql";
    try (InputStream in = AthenaViews.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "[BUG] View " + name + " is missing from the jar (expected resource " + resource + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read view " + name, e);
    }
  }
}
