package io.appstoreetl.curation.insights;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.load.SparkSchemas;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Reviews written straight into the {@code reviews} table: three planted English themes (crashes,
 * price, ads) and reviews in other languages.
 */
final class ReviewFixture {
  static final long APP = 1000000001L;
  static final LocalDate DAY = LocalDate.of(2025, 3, 3);

  /** A review: its id, theme (null for other languages), title and body. */
  record Review(String id, String theme, String title, String body) {}

  static final List<Review> REVIEWS =
      List.of(
          new Review("c-01", "crashes", "Crashes", "It crashes on launch and freezes."),
          new Review("c-02", "crashes", "Freezes", "The screen freezes, then it crashes."),
          new Review("c-03", "crashes", "Crashes on startup", "Crashes at startup and freezes."),
          new Review("c-04", "crashes", "Unstable", "Crashes when I open photos, then freezes."),
          new Review("c-05", "crashes", "Crashing", "Since the update it freezes and crashes."),
          new Review("c-06", "crashes", "Crashes", "Freezes and crashes during startup."),
          new Review("c-07", "crashes", "Freezes", "Crashes whenever the camera starts, freezes."),
          new Review("c-08", "crashes", "Keeps crashing", "It freezes and crashes after launch."),
          new Review("p-01", "price", "Too expensive", "The subscription price is too expensive."),
          new Review("p-02", "price", "Pricey", "Expensive subscription price for few features."),
          new Review(
              "p-03", "price", "Price hike", "They raised the subscription price, expensive."),
          new Review(
              "p-04", "price", "Costs too much", "Too expensive, the subscription price doubled."),
          new Review("p-05", "price", "Subscription", "Monthly subscription price is expensive."),
          new Review("p-06", "price", "Money", "Expensive price, subscription money wasted."),
          new Review("p-07", "price", "Overpriced", "The yearly subscription price is expensive."),
          new Review("p-08", "price", "Cost", "Price is expensive for the subscription."),
          new Review("a-01", "ads", "Too many ads", "Video ads after each tap, popup ads too."),
          new Review("a-02", "ads", "Ads", "Endless popup ads and video ads."),
          new Review("a-03", "ads", "Annoying ads", "Video ads play with sound, popup ads too."),
          new Review("a-04", "ads", "Ads everywhere", "More popup ads than content, video ads."),
          new Review("a-05", "ads", "Popups", "Popup ads cover the screen, video ads."),
          new Review("a-06", "ads", "Ad overload", "Ads ads ads, video ads and popup ads."),
          new Review("a-07", "ads", "Remove ads", "Video ads after every level, popup ads."),
          new Review("a-08", "ads", "Ads again", "Full screen video ads and popup ads."),
          new Review(
              "x-de", null, "Stürzt ab", "Die App stürzt bei jedem Start ab, sehr ärgerlich."),
          new Review("x-fr", null, "Trop cher", "L'abonnement est beaucoup trop cher pour moi."));

  private ReviewFixture() {}

  /** Appends the reviews, in the order given, to the {@code reviews} table. */
  static void append(IcebergTables tables, List<Review> reviews) {
    List<Row> rows = new ArrayList<>();
    for (Review review : reviews) {
      rows.add(SparkSchemas.toRow(values(review), true));
    }
    tables.createOrEvolve(Tables.REVIEWS);
    tables.append(
        Tables.REVIEWS, tables.spark().createDataFrame(rows, SparkSchemas.schema(Tables.REVIEWS)));
  }

  /** Replaces the body of one review in the {@code reviews} table. */
  static void changeBody(IcebergTables tables, String reviewId, String body) {
    tables
        .spark()
        .sql(
            "UPDATE "
                + tables.qualifiedName(Tables.REVIEWS)
                + " SET body = "
                + SparkSchemas.literal(body)
                + " WHERE review_id = "
                + SparkSchemas.literal(reviewId));
  }

  private static Object[] values(Review review) {
    TableDefinition table = Tables.REVIEWS;
    Object[] values = new Object[table.columns().size()];
    LocalDateTime landedAt = LocalDateTime.of(2025, 3, 4, 6, 0);
    values[table.indexOf("app_apple_id")] = APP;
    values[table.indexOf("metric_date")] = DAY;
    values[table.indexOf("review_id")] = review.id();
    values[table.indexOf("rating")] = 3;
    values[table.indexOf("title")] = review.title();
    values[table.indexOf("body")] = review.body();
    values[table.indexOf("created_at")] = DAY.atTime(12, 0);
    values[table.indexOf("created_utc_offset")] = "Z";
    values[table.indexOf("territory")] = "USA";
    values[table.indexOf("territory_code")] = "US";
    values[table.indexOf("fetched_date")] = landedAt.toLocalDate();
    values[table.indexOf("landed_at")] = landedAt;
    values[table.indexOf("source_file")] = "source=reviews/app_id=" + APP + "/page-1.json";
    values[table.indexOf("loaded_at")] = landedAt;
    values[table.indexOf("extra_columns")] = Map.of();
    return values;
  }
}
