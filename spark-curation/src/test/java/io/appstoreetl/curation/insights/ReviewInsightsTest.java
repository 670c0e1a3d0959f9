package io.appstoreetl.curation.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the review insights step on Spark over the fixture's reviews: topics of planted themes,
 * labels, incremental runs, shuffled input, a reloaded model and retraining.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewInsightsTest {
  private static final LocalDateTime LOADED_AT = LocalDateTime.of(2025, 3, 5, 7, 0);
  private static final int TOPICS = 3;

  private Path folder;

  private Lake lake;
  private IcebergTables tables;
  private ReviewInsights.Result first;

  @BeforeAll
  void scoreFixture(@TempDir Path tempFolder) throws IOException {
    folder = tempFolder;
    lake = new Lake(Files.createDirectories(folder.resolve("first")));
    tables = prepare(lake, ReviewFixture.REVIEWS);
    first = insights(lake, tables, false).update();
  }

  @Test
  void plantedThemesLandInTheirOwnTopics() {
    Map<String, Set<Integer>> topicsByTheme = topicsByTheme(lake);

    assertThat(topicsByTheme.keySet()).containsExactly("ads", "crashes", "price");
    for (Map.Entry<String, Set<Integer>> theme : topicsByTheme.entrySet()) {
      assertThat(theme.getValue()).as("topics of theme %s", theme.getKey()).hasSize(1);
    }
    Set<Integer> distinct = new TreeSet<>();
    topicsByTheme.values().forEach(distinct::addAll);
    assertThat(distinct).as("one topic per theme").hasSize(3);

    assertThat(termsOf(lake, "c-01")).contains("crashes", "freezes");
    assertThat(termsOf(lake, "p-01")).contains("subscription", "expensive");
    assertThat(termsOf(lake, "a-01")).contains("popup", "video");
  }

  @Test
  void firstRunTrainsVersionOneAndScoresEveryReview() {
    assertThat(first.trained()).isTrue();
    assertThat(first.modelVersion()).isEqualTo("topics-v1");
    assertThat(first.rowsWritten()).isEqualTo(ReviewFixture.REVIEWS.size());
    assertThat(Files.isRegularFile(modelRoot(lake).resolve("topics-v1/model.properties"))).isTrue();
    assertThat(
            select(
                lake,
                "SELECT count(*), count(DISTINCT topic_model_version), min(topic_model_version),"
                    + " min(sentiment_model) FROM %s"))
        .containsExactly("[26,1,topics-v1,vader-1.0+lingua-1.2.2]");
  }

  @Test
  void otherLanguagesKeepLanguageWithoutScore() {
    assertThat(
            select(
                lake,
                "SELECT review_id, language, sentiment_score, sentiment_label, topic_id,"
                    + " topic_terms FROM %s WHERE review_id LIKE 'x-%%' ORDER BY review_id"))
        .containsExactly("[x-de,de,null,null,null,null]", "[x-fr,fr,null,null,null,null]");
    assertThat(
            select(
                lake,
                "SELECT count(*) FROM %s WHERE language = 'en' AND sentiment_label IS NOT NULL"
                    + " AND sentiment_score BETWEEN -1 AND 1 AND topic_id IS NOT NULL"))
        .containsExactly("[24]");
    assertThat(select(lake, "SELECT sentiment_label FROM %s WHERE review_id = 'p-01'"))
        .containsExactly("[neutral]");
    assertThat(select(lake, "SELECT sentiment_label FROM %s WHERE review_id = 'a-03'"))
        .containsExactly("[negative]");
    assertThat(select(lake, "SELECT sentiment_label FROM %s WHERE review_id = 'p-06'"))
        .containsExactly("[negative]");
  }

  @Test
  void rerunChangesNothing() throws IOException {
    long snapshot = tables.icebergTable(Tables.REVIEW_INSIGHTS).currentSnapshot().snapshotId();
    List<String> before = lake.allColumns("review_insights");

    ReviewInsights.Result rerun = insights(lake, tables, false).update();

    assertThat(rerun.changed()).isFalse();
    assertThat(rerun.trained()).isFalse();
    assertThat(rerun.modelVersion()).isEqualTo("topics-v1");
    assertThat(tables.icebergTable(Tables.REVIEW_INSIGHTS).currentSnapshot().snapshotId())
        .isEqualTo(snapshot);
    assertThat(lake.allColumns("review_insights")).isEqualTo(before);
  }

  @Test
  void shuffledInputGivesSameTable() throws IOException {
    List<ReviewFixture.Review> shuffled = new ArrayList<>(ReviewFixture.REVIEWS);
    Collections.shuffle(shuffled, new Random(7));
    Lake other = new Lake(Files.createDirectories(folder.resolve("shuffled")));
    IcebergTables otherTables = prepare(other, shuffled.subList(0, 9));
    ReviewFixture.append(otherTables, shuffled.subList(9, shuffled.size()));

    insights(other, otherTables, false).update();

    assertThat(other.rows("review_insights", null))
        .hasSize(26)
        .isEqualTo(lake.rows("review_insights", null));
  }

  @Test
  void reloadedModelKeepsTopicIdsAndRetrainMakesNewVersion() throws IOException {
    Lake later = new Lake(Files.createDirectories(folder.resolve("later")));
    IcebergTables laterTables = prepare(later, ReviewFixture.REVIEWS);
    insights(later, laterTables, false).update();
    Map<String, Set<Integer>> trainedTopics = topicsByTheme(later);
    ReviewFixture.append(
        laterTables,
        List.of(
            new ReviewFixture.Review("c-new", "crashes", "Crashes", "It freezes at launch."),
            new ReviewFixture.Review("p-new", "price", "Price", "Expensive subscription."),
            new ReviewFixture.Review("a-new", "ads", "Ads", "Video ads and popup ads.")));

    ReviewInsights.Result next = insights(later, laterTables, false).update();

    assertThat(next.trained()).isFalse();
    assertThat(next.modelVersion()).isEqualTo("topics-v1");
    assertThat(next.rowsWritten()).as("only the new reviews").isEqualTo(3);
    assertThat(topicOf(later, "c-new")).isEqualTo(only(trainedTopics.get("crashes")));
    assertThat(topicOf(later, "p-new")).isEqualTo(only(trainedTopics.get("price")));
    assertThat(topicOf(later, "a-new")).isEqualTo(only(trainedTopics.get("ads")));

    ReviewInsights.Result retrained = insights(later, laterTables, true).update();

    assertThat(retrained.trained()).isTrue();
    assertThat(retrained.modelVersion()).isEqualTo("topics-v2");
    assertThat(retrained.rowsWritten()).as("every review, under the new version").isEqualTo(29);
    assertThat(select(later, "SELECT DISTINCT topic_model_version FROM %s"))
        .containsExactly("[topics-v2]");
    assertThat(Files.isRegularFile(modelRoot(later).resolve("topics-v2/model.properties")))
        .isTrue();
    assertThat(topicsByTheme(later).values()).allSatisfy(topics -> assertThat(topics).hasSize(1));
  }

  @Test
  void changedAndRemovedReviewsAreUpdated() throws IOException {
    Lake edited = new Lake(Files.createDirectories(folder.resolve("edited")));
    IcebergTables editedTables = prepare(edited, ReviewFixture.REVIEWS);
    insights(edited, editedTables, false).update();
    String oldHash = select(edited, "SELECT content_hash FROM %s WHERE review_id = 'p-02'").get(0);
    ReviewFixture.changeBody(editedTables, "p-02", "I love it, the subscription is worth it!");
    edited
        .spark()
        .sql(
            "DELETE FROM "
                + editedTables.qualifiedName(Tables.REVIEWS)
                + " WHERE review_id = 'a-08'");

    ReviewInsights.Result result = insights(edited, editedTables, false).update();

    assertThat(result.rowsWritten()).isEqualTo(1);
    assertThat(result.rowsDeleted()).isEqualTo(1);
    assertThat(select(edited, "SELECT sentiment_label FROM %s WHERE review_id = 'p-02'"))
        .containsExactly("[positive]");
    assertThat(select(edited, "SELECT content_hash FROM %s WHERE review_id = 'p-02'").get(0))
        .isNotEqualTo(oldHash);
    assertThat(select(edited, "SELECT count(*) FROM %s WHERE review_id = 'a-08'"))
        .containsExactly("[0]");
  }

  private static IcebergTables prepare(Lake lake, List<ReviewFixture.Review> reviews) {
    IcebergTables tables = AthenaSql.tables(lake);
    tables.createOrEvolve(Tables.REVIEW_INSIGHTS);
    ReviewFixture.append(tables, reviews);
    return tables;
  }

  private static ReviewInsights insights(Lake lake, IcebergTables tables, boolean retrain) {
    TopicModelStore models =
        new TopicModelStore(
            modelRoot(lake).toString(), lake.spark().sparkContext().hadoopConfiguration());
    return new ReviewInsights(tables, models, retrain, TOPICS, LOADED_AT);
  }

  private static Path modelRoot(Lake lake) {
    return Path.of(lake.catalogArguments().get(3)).resolveSibling("models");
  }

  /** Returns the topic ids of each planted theme's reviews. */
  private static Map<String, Set<Integer>> topicsByTheme(Lake lake) {
    Map<String, Set<Integer>> topics = new TreeMap<>();
    for (Row row :
        lake.spark()
            .sql("SELECT review_id, topic_id FROM " + lake.table("review_insights"))
            .collectAsList()) {
      for (ReviewFixture.Review review : ReviewFixture.REVIEWS) {
        if (review.id().equals(row.getString(0)) && review.theme() != null) {
          topics.computeIfAbsent(review.theme(), theme -> new TreeSet<>()).add(row.getInt(1));
        }
      }
    }
    return topics;
  }

  private static Integer topicOf(Lake lake, String reviewId) {
    return lake.spark()
        .sql(
            "SELECT topic_id FROM "
                + lake.table("review_insights")
                + " WHERE review_id = '"
                + reviewId
                + "'")
        .first()
        .getInt(0);
  }

  private static List<String> termsOf(Lake lake, String reviewId) {
    return lake.spark()
        .sql(
            "SELECT topic_terms FROM "
                + lake.table("review_insights")
                + " WHERE review_id = '"
                + reviewId
                + "'")
        .first()
        .getList(0);
  }

  private static Integer only(Set<Integer> topics) {
    assertThat(topics).hasSize(1);
    return topics.iterator().next();
  }

  private static List<String> select(Lake lake, String sqlFormat) {
    return lake
        .spark()
        .sql(String.format(sqlFormat, lake.table("review_insights")))
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }
}
