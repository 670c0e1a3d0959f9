package io.appstoreetl.sandbox.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The dimension values of Apple's analytics glossary that the row generators draw, with the
 * sandbox's own weights, and the values of the three Detailed-only columns.
 */
final class Glossary {

  static final WeightedChoice DOWNLOAD_TYPES =
      WeightedChoice.of(
          List.of("First-time Download", "Redownload", "Manual update", "Auto-update", "Restore"),
          30,
          15,
          10,
          40,
          5);

  /** Installation and Deletion spells the download types in lower case, as Apple's page does. */
  static final WeightedChoice INSTALL_DOWNLOAD_TYPES =
      WeightedChoice.of(
          List.of("First-time download", "Redownload", "Manual update", "Restore"), 45, 25, 20, 10);

  static final WeightedChoice DEVICES = WeightedChoice.of(List.of("iPhone", "iPad"), 72, 28);

  // Apple reports iPad data with an "iOS ..." platform version as well.
  static final WeightedChoice PLATFORM_VERSIONS =
      WeightedChoice.of(
          List.of("iOS 18.2", "iOS 18.1", "iOS 18.0", "iOS 17.6", "iOS 16.7"), 30, 30, 15, 15, 10);

  static final WeightedChoice DOWNLOAD_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "App Clip",
              "Unavailable",
              "Institutional purchase"),
          40,
          25,
          12,
          8,
          2,
          10,
          3);

  static final WeightedChoice DOWNLOAD_PAGE_TYPES =
      WeightedChoice.of(
          List.of("Product page", "In-App event", "Store sheet", "No Page"), 45, 5, 20, 30);

  static final WeightedChoice EVENTS =
      WeightedChoice.of(List.of("Impression", "Page view", "Tap"), 45, 30, 25);

  static final WeightedChoice ENGAGEMENT_PAGE_TYPES =
      WeightedChoice.of(
          List.of(
              "No page",
              "In-app event",
              "Notification",
              "Product page",
              "Store sheet",
              "App version history",
              "App privacy",
              "Developer page",
              "App accessibility",
              "Media view"),
          20,
          5,
          3,
          35,
          15,
          5,
          4,
          5,
          3,
          5);

  static final WeightedChoice ENGAGEMENT_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "App Clip",
              "Notification",
              "Unavailable"),
          40,
          25,
          10,
          8,
          2,
          5,
          10);

  static final WeightedChoice ENGAGEMENT_TYPES =
      WeightedChoice.of(
          List.of(
              "Get",
              "Update",
              "Redownload",
              "Open",
              "IAE reminder",
              "IAE reminder deactivated",
              "Notification tap",
              "Share"),
          40,
          15,
          10,
          20,
          3,
          2,
          5,
          5);

  /** App Sessions adds {@code Notification} to the download source types. */
  static final WeightedChoice SESSION_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "App Clip",
              "Notification",
              "Unavailable"),
          35,
          25,
          10,
          8,
          2,
          10,
          10);

  static final WeightedChoice SESSION_PAGE_TYPES =
      WeightedChoice.of(
          List.of("Product page", "In-app event", "Store sheet", "No page", "Notification"),
          45,
          5,
          15,
          25,
          10);

  static final WeightedChoice INSTALL_EVENTS =
      WeightedChoice.of(List.of("Install", "Delete"), 70, 30);

  /** App Store Purchases adds {@code In-store purchase} to the download source types. */
  static final WeightedChoice PURCHASE_SOURCE_TYPES =
      WeightedChoice.of(
          List.of(
              "App Store search",
              "App Store browse",
              "App referrer",
              "Web referrer",
              "In-store purchase",
              "Unavailable"),
          30,
          20,
          10,
          5,
          25,
          10);

  // NOTE: Apple's glossary names the Payment Method column but the sandbox has seen no list of its
  // values, so these are the sandbox's own.
  static final WeightedChoice PAYMENT_METHODS =
      WeightedChoice.of(
          List.of("Credit or debit card", "Apple Account balance", "Carrier billing", "PayPal"),
          60,
          25,
          5,
          10);

  private static final List<String> REFERRING_APPS =
      List.of("com.example.newsreader", "com.example.socialfeed", "com.example.gameguide");

  private static final List<String> REFERRING_DOMAINS =
      List.of("example.com", "news.example.org", "reviews.example.net");

  private static final List<String> CAMPAIGNS =
      List.of("spring_launch", "newsletter_jan", "influencer_42");

  private static final List<String> CUSTOM_PRODUCT_PAGES =
      List.of("Default Product Page", "Puzzle Fans", "Holiday Sale");

  private static final List<String> IN_APP_EVENTS = List.of("Weekend Tournament", "Winter Cup");

  static final WeightedChoice TERRITORIES = territoryChoice();

  private Glossary() {}

  /** Picks one of the app's versions; newer versions get most of the traffic. */
  static String pickVersion(SplittableRandom random, SandboxApp app) {
    // Weights 10, 30 and 60 for three versions, oldest first.
    List<String> versions = app.versions();
    int[] weights = new int[versions.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i == weights.length - 1 ? 60 : (i == weights.length - 2 ? 30 : 10);
    }
    return WeightedChoice.of(versions, weights).pick(random);
  }

  /**
   * Returns the {@code Source Info} of a Detailed row: the referring app or web domain for a
   * referrer source type, empty otherwise.
   */
  static String sourceInfo(SplittableRandom random, String sourceType) {
    return switch (sourceType) {
      case "App referrer" -> REFERRING_APPS.get(random.nextInt(REFERRING_APPS.size()));
      case "Web referrer" -> REFERRING_DOMAINS.get(random.nextInt(REFERRING_DOMAINS.size()));
      default -> "";
    };
  }

  /** Returns the {@code Campaign} token of a Detailed row: one row in five has one. */
  static String campaign(SplittableRandom random) {
    return random.nextInt(5) == 0 ? CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size())) : "";
  }

  /**
   * Returns the {@code Page Title} of a Detailed row: a product page or in-app event name for those
   * page types, empty for the others.
   */
  static String pageTitle(SplittableRandom random, String pageType) {
    if (pageType.equalsIgnoreCase("Product page")) {
      return CUSTOM_PRODUCT_PAGES.get(random.nextInt(CUSTOM_PRODUCT_PAGES.size()));
    }
    if (pageType.equalsIgnoreCase("In-App event")) {
      return IN_APP_EVENTS.get(random.nextInt(IN_APP_EVENTS.size()));
    }
    return "";
  }

  /**
   * Returns an {@code App Download Date}: empty for about half the rows (a download more than 30
   * days back, which Apple leaves empty), otherwise a day up to 29 days before the metric date.
   */
  static String appDownloadDate(SplittableRandom random, LocalDate metricDate) {
    if (random.nextInt(2) == 0) {
      return "";
    }
    return metricDate.minusDays(random.nextInt(30)).toString();
  }

  private static WeightedChoice territoryChoice() {
    List<String> names = new ArrayList<>();
    int[] weights = new int[Territory.ALL.size()];
    for (int i = 0; i < Territory.ALL.size(); i++) {
      names.add(Territory.ALL.get(i).name());
      weights[i] = Territory.ALL.get(i).weight();
    }
    return WeightedChoice.of(names, weights);
  }
}
