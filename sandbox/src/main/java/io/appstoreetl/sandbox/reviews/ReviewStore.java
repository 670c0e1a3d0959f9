package io.appstoreetl.sandbox.reviews;

import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.Seeds;
import io.appstoreetl.sandbox.data.Territory;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The customer reviews of every app: a seeded number per app and UTC day from the history start to
 * yesterday, less the reviews a test deleted, with the bodies a test edited. Thread-safe.
 *
 * <p>{@code createdDate} carries the offset of Pacific Time ({@code -08:00} or {@code -07:00}), as
 * Apple's example does, so the local date of a review written late in the UTC day is the day
 * before.
 */
public final class ReviewStore {

  /** Newest first, then by id, the order of {@code sort=-createdDate}. */
  public static final Comparator<Review> NEWEST_FIRST =
      Comparator.comparing(Review::createdDate, Comparator.comparing(OffsetDateTime::toInstant))
          .reversed()
          .thenComparing(Review::id);

  private static final ZoneId APPLE_TIME_ZONE = ZoneId.of("America/Los_Angeles");

  private static final List<String> POSITIVE_TITLES =
      List.of("Love it!", "Best puzzle game", "Great app", "Addictive 😍", "Five stars");
  private static final List<String> MIXED_TITLES =
      List.of("Good but…", "Could be better", "Okay", "Needs an update");
  private static final List<String> NEGATIVE_TITLES =
      List.of("Crashes constantly", "Too many ads", "Waste of money", "Disappointed");
  private static final List<String> POSITIVE_SENTENCES =
      List.of(
          "I play it every day on my commute.",
          "The new levels are fantastic.",
          "Très bien fait, bravo à l'équipe !",
          "My kids love it 👍",
          "Worth every cent.");
  private static final List<String> NEGATIVE_SENTENCES =
      List.of(
          "It crashes when I open the shop.",
          "Since the last update it freezes on my iPad.",
          "There are \"special offers\" every two minutes.",
          "Lost all my progress after restoring my phone.",
          "Muy lento en mi teléfono.");
  private static final List<String> NICKNAME_WORDS =
      List.of("Happy", "Puzzle", "Night", "Coffee", "Tiny", "Brave", "Quiet", "Lucky");

  private final long seed;
  private final AppCatalog apps;
  private final LocalDate historyStart;
  private final int reviewsPerDay;
  private final Supplier<LocalDate> today;
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, String> editedBodies = new ConcurrentHashMap<>();
  private final Map<String, Generated> generatedByApp = new ConcurrentHashMap<>();

  /** The reviews generated for an app as of one simulated day. */
  private record Generated(LocalDate today, List<Review> reviews) {}

  public ReviewStore(
      long seed,
      AppCatalog apps,
      LocalDate historyStart,
      int reviewsPerDay,
      Supplier<LocalDate> today) {
    this.seed = seed;
    this.apps = apps;
    this.historyStart = historyStart;
    this.reviewsPerDay = reviewsPerDay;
    this.today = today;
  }

  /**
   * Returns the app's reviews visible now, newest first.
   *
   * @throws IllegalArgumentException for an app the sandbox does not have
   */
  public List<Review> visible(String appId) {
    if (apps.find(appId).isEmpty()) {
      throw new IllegalArgumentException("Invalid appId: " + appId + " (no such app)");
    }
    LocalDate now = today.get();
    Generated generated = generatedByApp.get(appId);
    if (generated == null || !generated.today().equals(now)) {
      generated = new Generated(now, generate(appId, now));
      generatedByApp.put(appId, generated);
    }
    List<Review> visible = new ArrayList<>();
    for (Review review : generated.reviews()) {
      if (deleted.contains(review.id())) {
        continue;
      }
      String body = editedBodies.get(review.id());
      visible.add(body == null ? review : review.withBody(body));
    }
    return visible;
  }

  /**
   * Deletes a review, as when its author removes it, so a later listing leaves it out.
   *
   * @return the deleted review
   * @throws IllegalArgumentException when the app has no visible review with that id
   */
  public Review delete(String appId, String reviewId) {
    Review review = find(appId, reviewId);
    deleted.add(review.id());
    return review;
  }

  /**
   * Replaces a review's body, as when its author edits it. The id and createdDate stay.
   *
   * @return the edited review
   * @throws IllegalArgumentException when the app has no visible review with that id
   */
  public Review edit(String appId, String reviewId, String newBody) {
    Review review = find(appId, reviewId);
    editedBodies.put(review.id(), newBody);
    return review.withBody(newBody);
  }

  private Review find(String appId, String reviewId) {
    return visible(appId).stream()
        .filter(r -> r.id().equals(reviewId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Invalid reviewId: " + reviewId + " (no visible review of app " + appId + ")"));
  }

  private List<Review> generate(String appId, LocalDate now) {
    List<Review> reviews = new ArrayList<>();
    for (LocalDate day = historyStart; day.isBefore(now); day = day.plusDays(1)) {
      for (int i = 0; i < reviewsPerDay; i++) {
        reviews.add(review(appId, day, i));
      }
    }
    reviews.sort(NEWEST_FIRST);
    return List.copyOf(reviews);
  }

  private Review review(String appId, LocalDate day, int index) {
    SplittableRandom random = Seeds.random(seed, "customerReview", appId, day, index);
    int rating = pickRating(random);
    OffsetDateTime created =
        day.atStartOfDay()
            .plusSeconds(random.nextInt(24 * 60 * 60))
            .atOffset(ZoneOffset.UTC)
            .atZoneSameInstant(APPLE_TIME_ZONE)
            .toOffsetDateTime()
            .truncatedTo(ChronoUnit.SECONDS);
    Territory territory = Territory.ALL.get(random.nextInt(Territory.ALL.size()));
    return new Review(
        Seeds.uuid(seed, "customerReview", appId, day, index).toString(),
        appId,
        rating,
        pick(random, titlesFor(rating)),
        body(random, rating),
        pick(random, NICKNAME_WORDS) + pick(random, NICKNAME_WORDS) + random.nextInt(1000),
        created,
        territory.alpha3());
  }

  private static List<String> titlesFor(int rating) {
    if (rating >= 4) {
      return POSITIVE_TITLES;
    }
    return rating == 3 ? MIXED_TITLES : NEGATIVE_TITLES;
  }

  private static String body(SplittableRandom random, int rating) {
    List<String> sentences = rating >= 4 ? POSITIVE_SENTENCES : NEGATIVE_SENTENCES;
    StringBuilder body = new StringBuilder(pick(random, sentences));
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      // Some reviews span paragraphs, so a client must keep line breaks inside a JSON string.
      body.append(random.nextInt(3) == 0 ? "\n\n" : " ").append(pick(random, sentences));
    }
    return body.toString();
  }

  private static int pickRating(SplittableRandom random) {
    int point = random.nextInt(100);
    if (point < 45) {
      return 5;
    }
    if (point < 65) {
      return 4;
    }
    if (point < 75) {
      return 3;
    }
    return point < 83 ? 2 : 1;
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
