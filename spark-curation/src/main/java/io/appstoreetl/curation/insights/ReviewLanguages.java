package io.appstoreetl.curation.insights;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.List;
import java.util.Locale;

/**
 * Language detection of review text with lingua ({@code com.github.pemistahl:lingua} 1.2.2).
 *
 * <p>Lingua with all 75 of its languages takes about 1 GB of heap, so the detector knows only
 * {@link #DETECTED}: the languages of the largest App Store storefronts. It loads a language's
 * models on first use, about 30 MB each, and the job jar carries only these models. A text in a
 * language outside the list is reported as the nearest listed language or as unknown, and either
 * way is not scored, because only English is scored. Texts of one or two words are often
 * misdetected.
 *
 * <p>One detector serves every task of an executor JVM; lingua's detector is thread-safe.
 */
public final class ReviewLanguages {

  /** Name and version written to {@code review_insights.sentiment_model}, after VADER's. */
  public static final String MODEL = "lingua-1.2.2";

  /** The languages the detector chooses from; keep in step with the shade filter in the pom. */
  public static final List<Language> DETECTED =
      List.of(
          Language.ENGLISH,
          Language.GERMAN,
          Language.FRENCH,
          Language.SPANISH,
          Language.ITALIAN,
          Language.PORTUGUESE,
          Language.DUTCH,
          Language.SWEDISH,
          Language.RUSSIAN,
          Language.TURKISH,
          Language.JAPANESE,
          Language.KOREAN,
          Language.CHINESE);

  /** ISO 639-1 code of English, the one language that is scored. */
  public static final String ENGLISH = "en";

  private ReviewLanguages() {}

  /**
   * Returns the ISO 639-1 code of the text's language, such as {@code en}, or null when the text is
   * blank or the detector cannot tell.
   */
  public static String detect(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Language language = Holder.DETECTOR.detectLanguageOf(text);
    if (language == Language.UNKNOWN) {
      return null;
    }

    return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
  }

  /** Builds the detector on first use, once per JVM. */
  private static final class Holder {
    static final LanguageDetector DETECTOR =
        LanguageDetectorBuilder.fromLanguages(DETECTED.toArray(Language[]::new)).build();
  }
}
