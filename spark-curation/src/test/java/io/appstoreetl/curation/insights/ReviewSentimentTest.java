package io.appstoreetl.curation.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Language and sentiment labels of hand-written reviews: clear positives and negatives, negations,
 * emoji, and reviews in other languages, which keep their language and get no label.
 */
class ReviewSentimentTest {

  /** A review text, the language expected, and the label expected (null: not scored). */
  private record Case(String text, String language, String label) {}

  private static final List<Case> FIXTURE =
      List.of(
          new Case(
              "Love it\nThis is the best app I have ever used, simply great!", "en", "positive"),
          new Case("Excellent\nWonderful design and very helpful support team.", "en", "positive"),
          new Case("Terrible\nThe worst update ever, everything is broken.", "en", "negative"),
          new Case("Awful\nI hate the new layout, it is horrible and useless.", "en", "negative"),
          new Case("This app is not good.", "en", "negative"),
          new Case("Not great\nThe new version is not great at all.", "en", "negative"),
          new Case("I don't like it, the screens are confusing.", "en", "negative"),
          new Case("It opens and shows the weather for my city.", "en", "neutral"),
          new Case(
              "Version two\nThe settings page moved to the bottom of the menu.", "en", "neutral"),
          new Case("\uD83D\uDE0D\uD83D\uDE0D\uD83D\uDE0D", null, null),
          new Case("Update\nNew icons in the toolbar \uD83D\uDE0D\uD83D\uDE0D", "en", "positive"),
          new Case("Update\nThe toolbar changed again \uD83D\uDE21\uD83D\uDC4E", "en", "negative"),
          new Case("Die App ist wirklich toll, ich benutze sie jeden Tag.", "de", null),
          new Case("L'application plante tout le temps, c'est nul.", "fr", null),
          new Case("La aplicación es muy buena y fácil de usar.", "es", null),
          new Case("このアプリは最高です。毎日使っています。", "ja", null),
          new Case("", null, null));

  @Test
  void fixtureGetsExpectedLanguagesAndLabels() {
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (Case review : FIXTURE) {
      expected.add(review.text() + " -> " + review.language() + " " + review.label());
      String language = ReviewLanguages.detect(review.text());
      String label =
          ReviewLanguages.ENGLISH.equals(language)
              ? ReviewSentiment.label(ReviewSentiment.score(review.text()))
              : null;
      actual.add(review.text() + " -> " + language + " " + label);
    }

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void emojiAreScoredAsTheirWords() {
    assertThat(ReviewSentiment.score("\uD83D\uDE0D")).isEqualTo(ReviewSentiment.score("love"));
    assertThat(ReviewSentiment.score("\uD83D\uDC4E\uFE0F")).isEqualTo(ReviewSentiment.score("bad"));
    assertThat(ReviewSentiment.score("\uD83D\uDE0D")).isPositive();
    assertThat(ReviewSentiment.score("\uD83D\uDE21")).isNegative();
  }

  @Test
  void capitalizedNegationStillNegates() {
    assertThat(ReviewSentiment.score("Not great")).isEqualTo(ReviewSentiment.score("not great"));
    assertThat(ReviewSentiment.score("Not great")).isNegative();
    assertThat(ReviewSentiment.lowerCapitalized("Don't BUY it, Not GREAT"))
        .isEqualTo("don't BUY it, not GREAT");
  }

  @Test
  void labelThresholds() {
    assertThat(ReviewSentiment.label(0.05)).isEqualTo("positive");
    assertThat(ReviewSentiment.label(0.0499)).isEqualTo("neutral");
    assertThat(ReviewSentiment.label(0.0)).isEqualTo("neutral");
    assertThat(ReviewSentiment.label(-0.0499)).isEqualTo("neutral");
    assertThat(ReviewSentiment.label(-0.05)).isEqualTo("negative");
    assertThat(ReviewSentiment.label(-1.0)).isEqualTo("negative");
  }

  @Test
  void scoresStayWithinMinusOneAndOne() {
    assertThat(ReviewSentiment.score("best best best great great wonderful love love love"))
        .isBetween(0.9, 1.0);
    assertThat(ReviewSentiment.score("worst worst horrible awful hate hate terrible"))
        .isBetween(-1.0, -0.9);
    assertThat(ReviewSentiment.score("The app opens.")).isEqualTo(0.0);
  }

  @Test
  void reviewTextJoinsTitleAndBodyAndHashesIt() {
    assertThat(ReviewText.of(" Title ", "Body\n")).isEqualTo("Title\nBody");
    assertThat(ReviewText.of(null, "Body")).isEqualTo("Body");
    assertThat(ReviewText.of("Title", "  ")).isEqualTo("Title");
    assertThat(ReviewText.of(null, null)).isEmpty();
    assertThat(ReviewText.hash(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(ReviewText.hash("Title\nBody")).isNotEqualTo(ReviewText.hash("Title\nBody!"));
  }
}
