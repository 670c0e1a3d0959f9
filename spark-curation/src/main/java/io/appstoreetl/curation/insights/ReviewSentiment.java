package io.appstoreetl.curation.insights;

import com.vader.sentiment.analyzer.SentimentAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sentiment of English review text with VADER ({@code
 * com.github.apanimesh061:vader-sentiment-analyzer} 1.0, a Java port of the lexicon-and-rules
 * model). The score is VADER's compound score, from -1 to 1.
 *
 * <p>The labels use the thresholds that VADER's authors recommend: positive at {@value
 * #POSITIVE_THRESHOLD} or more, negative at {@value #NEGATIVE_THRESHOLD} or less, neutral between.
 *
 * <p>The Java port has no emoji lexicon, so common emoji are replaced by a word of the lexicon with
 * the same sense before scoring ({@link #EMOJI_WORDS}). The port scores "not bad at all" as
 * negative, unlike the Python original.
 */
public final class ReviewSentiment {

  /** Name and version written to {@code review_insights.sentiment_model}, with lingua's. */
  public static final String MODEL = "vader-1.0";

  public static final double POSITIVE_THRESHOLD = 0.05;
  public static final double NEGATIVE_THRESHOLD = -0.05;

  private static final Pattern CAPITALIZED_WORD = Pattern.compile("\\b\\p{Lu}[\\p{Ll}']+");

  /** Emoji and the lexicon word each one is scored as. */
  static final Map<String, String> EMOJI_WORDS = emojiWords();

  private ReviewSentiment() {}

  /** Returns VADER's compound score of {@code text}, rounded to four decimals as VADER does. */
  public static double score(String text) {
    try {
      SentimentAnalyzer analyzer = new SentimentAnalyzer(lowerCapitalized(replaceEmoji(text)));
      analyzer.analyze();
      Float compound = analyzer.getPolarity().get("compound");
      // The port returns a float; its decimal text is the value VADER rounded to.
      return compound == null ? 0.0 : Double.parseDouble(Float.toString(compound));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load the VADER lexicon", e);
    }
  }

  /** Returns positive, negative or neutral for a compound score. */
  public static String label(double score) {
    if (score >= POSITIVE_THRESHOLD) {
      return "positive";
    }
    if (score <= NEGATIVE_THRESHOLD) {
      return "negative";
    }

    return "neutral";
  }

  /**
   * Returns the text with each capitalized word (such as {@code Not}) in lowercase. The port
   * matches negations such as "not" and "don't" case-sensitively, so without this "Not great" at
   * the start of a sentence scores positive. Words in capitals (such as {@code GREAT}) stay, since
   * VADER reads them as emphasis.
   */
  static String lowerCapitalized(String text) {
    return CAPITALIZED_WORD.matcher(text).replaceAll(word -> word.group().toLowerCase(Locale.ROOT));
  }

  /** Returns the text with each emoji of {@link #EMOJI_WORDS} replaced by its word. */
  static String replaceEmoji(String text) {
    // U+FE0F asks for the emoji form of the character before it; it carries no meaning here.
    String replaced = text.replace("\uFE0F", "");
    for (Map.Entry<String, String> entry : EMOJI_WORDS.entrySet()) {
      replaced = replaced.replace(entry.getKey(), " " + entry.getValue() + " ");
    }

    return replaced;
  }

  private static Map<String, String> emojiWords() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put("\uD83D\uDE0D", "love"); // smiling face with heart-eyes
    words.put("\u2764", "love"); // red heart
    words.put("\uD83E\uDD70", "love"); // smiling face with hearts
    words.put("\uD83D\uDE00", "happy"); // grinning face
    words.put("\uD83D\uDE03", "happy"); // grinning face with big eyes
    words.put("\uD83D\uDE04", "happy"); // grinning face with smiling eyes
    words.put("\uD83D\uDE01", "happy"); // beaming face
    words.put("\uD83D\uDE0A", "happy"); // smiling face with smiling eyes
    words.put("\uD83D\uDE42", "happy"); // slightly smiling face
    words.put("\uD83D\uDE02", "funny"); // face with tears of joy
    words.put("\uD83E\uDD23", "funny"); // rolling on the floor laughing
    words.put("\uD83D\uDC4D", "good"); // thumbs up
    words.put("\uD83D\uDC4E", "bad"); // thumbs down
    words.put("\uD83D\uDD25", "awesome"); // fire
    words.put("\uD83D\uDE21", "angry"); // pouting face
    words.put("\uD83D\uDE20", "angry"); // angry face
    words.put("\uD83E\uDD2C", "angry"); // face with symbols on mouth
    words.put("\uD83D\uDE24", "angry"); // face with steam from nose
    words.put("\uD83D\uDE22", "sad"); // crying face
    words.put("\uD83D\uDE2D", "sad"); // loudly crying face
    words.put("\uD83D\uDE1E", "disappointed"); // disappointed face
    words.put("\uD83D\uDE14", "disappointed"); // pensive face
    words.put("\u2639", "sad"); // frowning face
    words.put("\uD83D\uDE41", "sad"); // slightly frowning face
    words.put("\uD83D\uDCA9", "crap"); // pile of poo
    words.put("\uD83E\uDD2E", "disgusting"); // face vomiting
    words.put("\uD83D\uDE44", "annoyed"); // face with rolling eyes

    return Map.copyOf(words);
  }
}
