package io.appstoreetl.launcher.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data of the report, as read from the tables: app names, each app's latest metric date per
 * table, and daily series per app.
 *
 * <p>Series names are {@link #DOWNLOADS}, {@link #IMPRESSIONS}, {@link #UNIQUE_IMPRESSIONS}, {@link
 * #SESSIONS}, and {@code proceeds:<currency>} for Sales and Trends proceeds in one currency of
 * proceeds.
 */
public final class ReportData {

  public static final String DOWNLOADS = "downloads";
  public static final String IMPRESSIONS = "impressions";
  public static final String UNIQUE_IMPRESSIONS = "unique_impressions";
  public static final String SESSIONS = "sessions";
  public static final String PROCEEDS_PREFIX = "proceeds:";

  /** The daily mean sentiment score of an app's scored reviews, from -1 to 1. */
  public static final String SENTIMENT = "review_sentiment";

  /**
   * One of an app's top review topics.
   *
   * @param rank 1 for the topic with the most reviews
   * @param terms the topic's top terms, comma-separated
   * @param reviews the app's reviews in the topic over the report's days
   */
  public record Topic(int rank, String terms, long reviews) {}

  private final SortedMap<Long, String> names = new TreeMap<>();
  private final SortedMap<Long, Map<String, LocalDate>> latest = new TreeMap<>();
  private final SortedMap<Long, SortedMap<String, SortedMap<LocalDate, BigDecimal>>> series =
      new TreeMap<>();
  private final SortedMap<Long, SortedMap<Integer, Topic>> topics = new TreeMap<>();

  /** Records an app's name; a name from the apps table replaces one from report rows. */
  public void name(long appId, String name, boolean fromAppsTable) {
    if (name == null || name.isBlank()) {
      apps(appId);
      return;
    }
    if (fromAppsTable || !names.containsKey(appId)) {
      names.put(appId, name);
    }
    apps(appId);
  }

  public void latest(long appId, String table, LocalDate metricDate) {
    apps(appId).put(table, Objects.requireNonNull(metricDate, "metricDate == null"));
  }

  public void value(long appId, String seriesName, LocalDate metricDate, BigDecimal value) {
    apps(appId);
    series
        .computeIfAbsent(appId, id -> new TreeMap<>())
        .computeIfAbsent(seriesName, name -> new TreeMap<>())
        .put(metricDate, value);
  }

  /** Records one of the app's top review topics. */
  public void topic(long appId, Topic topic) {
    apps(appId);
    topics.computeIfAbsent(appId, id -> new TreeMap<>()).put(topic.rank(), topic);
  }

  /** Returns the app's top review topics by rank; empty when it has none. */
  public List<Topic> topics(long appId) {
    return new ArrayList<>(topics.getOrDefault(appId, new TreeMap<>()).values());
  }

  /** Returns the apps in Apple id order. */
  public List<Long> appIds() {
    return new ArrayList<>(latest.keySet());
  }

  /** Returns the app's name, or its Apple id when no table names it. */
  public String name(long appId) {
    return names.getOrDefault(appId, Long.toString(appId));
  }

  /** Returns the app's latest metric date in the table, or null when it has no rows there. */
  public LocalDate latest(long appId, String table) {
    return latest.getOrDefault(appId, Map.of()).get(table);
  }

  /** Returns one daily series of the app; empty when it has no values. */
  public SortedMap<LocalDate, BigDecimal> series(long appId, String seriesName) {
    return Collections.unmodifiableSortedMap(
        series.getOrDefault(appId, new TreeMap<>()).getOrDefault(seriesName, new TreeMap<>()));
  }

  /** Returns the currencies of the app's proceeds, in alphabetical order. */
  public List<String> proceedsCurrencies(long appId) {
    List<String> currencies = new ArrayList<>();
    for (String name : series.getOrDefault(appId, new TreeMap<>()).keySet()) {
      if (name.startsWith(PROCEEDS_PREFIX)) {
        currencies.add(name.substring(PROCEEDS_PREFIX.length()));
      }
    }

    return currencies;
  }

  private Map<String, LocalDate> apps(long appId) {
    return latest.computeIfAbsent(appId, id -> new TreeMap<>());
  }
}
