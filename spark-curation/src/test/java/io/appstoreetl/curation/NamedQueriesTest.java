package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.curation.testing.ViewFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the ready-made review queries of {@code query --named} over the known review insights of
 * {@link ViewFixture}: app A's five reviews over two weeks, one of them German and unscored.
 */
class NamedQueriesTest {
  @TempDir static Path folder;

  private static Lake lake;

  @BeforeAll
  static void createTables() {
    lake = new Lake(folder);
    ViewFixture.createTablesWithKnownRows(AthenaSql.tables(lake));
  }

  @Test
  void reviewTopicsRankTopicsPerApp() throws IOException {
    assertThat(query("--named", "review-topics"))
        .isEqualTo(
            "app_apple_id\ttopic_rank\ttopic_id\ttopic_terms\treviews\tnegative_share\n"
                // Topic 0: three English reviews, one negative.
                + "1000000001\t1\t0\tcrashes, freezes\t3\t0.333\n"
                + "1000000001\t2\t1\tprice\t1\t1.000\n");
  }

  @Test
  void reviewSentimentPerAppAndWeek() throws IOException {
    assertThat(query("--named", "review-sentiment"))
        .isEqualTo(
            "app_apple_id\tweek_start\treviews\tscored_reviews\tmean_sentiment\tnegative_share\n"
                // Week of March 3: scores -0.6, 0.7 and -0.2, and the unscored German review.
                + "1000000001\t2025-03-03\t4\t3\t-0.033\t0.667\n"
                + "1000000001\t2025-03-10\t1\t1\t0.0\t0.000\n");
  }

  @Test
  void unknownNameIsRejected() {
    assertThatThrownBy(() -> query("--named", "review-moods"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --named value: review-moods (expected one of review-topics,"
                + " review-sentiment)");
    assertThatThrownBy(() -> query("--named", "review-topics", "--sql", "SELECT 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid query: give either --sql or --named");
  }

  private static String query(String... options) throws IOException {
    List<String> args = new ArrayList<>(lake.catalogArguments());
    args.addAll(List.of("--format", "tsv"));
    args.addAll(List.of(options));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      QueryJob.query(lake.spark(), QueryArguments.parse(args.toArray(String[]::new)), out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
