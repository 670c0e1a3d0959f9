package io.appstoreetl.sandbox.ads;

import io.appstoreetl.sandbox.data.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox's Apple Ads account: its campaigns and the search-terms report rows they produce,
 * derived only from the seed, the app ids and the simulated today.
 *
 * <p>Of every three apps (in id order) the first has two search-results campaigns, the second one
 * search-results campaign and one Today-tab campaign (which has no search terms), and the third no
 * campaign. Each search-results campaign has two ad groups. Both ad groups bid on the campaign's
 * first keyword (EXACT in one, BROAD in the other), so the same term comes from several keywords
 * and ad groups. Each ad group also gets Search Match ({@code AUTO}) terms, one of which is also a
 * bidded term, and every keyword and Search Match yields a low-volume row without text.
 *
 * <p>Impressions, taps and spend of a day never change. Installs of a day grow until the day is
 * {@link #ATTRIBUTION_DAYS} days old: as of {@code today}, a day that is {@code age} days old shows
 * {@code finalInstalls * (30 + min(age, 30)) / 60}, rounded down.
 */
public final class AppleAdsData {
  public static final String ORG_ID = "40669820";
  public static final String AD_ACCOUNT_ID = "3141592";
  public static final String TIME_ZONE = "America/Los_Angeles";
  public static final String CURRENCY = "USD";
  public static final String SEARCH_RESULTS = "APPSTORE_SEARCH_RESULTS";
  public static final String TODAY_TAB = "APPSTORE_TODAY_TAB";
  public static final int ATTRIBUTION_DAYS = 30;

  private static final List<String> VOCABULARY =
      List.of(
          "photo editor",
          "collage maker",
          "budget planner",
          "habit tracker",
          "sleep sounds",
          "recipe book",
          "workout log",
          "language lessons",
          "pixel puzzle",
          "weather radar",
          "note taking",
          "star map");

  /** A bidded keyword of an ad group. */
  public record Keyword(long id, String text, String matchType) {}

  /** An ad group with its keywords. */
  public record AdGroup(long id, String name, List<Keyword> keywords) {}

  /** A campaign of the ad account. */
  public record Campaign(
      long id,
      String name,
      String appId,
      String placement,
      List<String> countries,
      List<AdGroup> adGroups) {
    public boolean searchResults() {
      return SEARCH_RESULTS.equals(placement);
    }
  }

  /**
   * One report row's dimensions: a term (null when undisclosed) from a keyword (null for Search
   * Match) of an ad group, in a country.
   */
  public record RowKey(
      Campaign campaign,
      AdGroup adGroup,
      Keyword keyword,
      String term,
      String source,
      String country) {}

  /** One day of a row. */
  public record DayMetrics(
      LocalDate date, long impressions, long taps, long installs, BigDecimal spend) {}

  private final long seed;
  private final LocalDate historyStart;
  private final List<Campaign> campaigns = new ArrayList<>();

  public AppleAdsData(long seed, List<String> appIds, LocalDate historyStart) {
    this.seed = seed;
    this.historyStart = historyStart;
    for (int index = 0; index < appIds.size(); index++) {
      addCampaigns(index, appIds.get(index));
    }
  }

  private void addCampaigns(int index, String appId) {
    long base = 500_000_000L + index * 10L;
    String first = VOCABULARY.get((index * 3) % VOCABULARY.size());
    String second = VOCABULARY.get((index * 3 + 1) % VOCABULARY.size());
    String third = VOCABULARY.get((index * 3 + 2) % VOCABULARY.size());
    switch (index % 3) {
      case 0 -> {
        campaigns.add(
            searchCampaign(base + 1, "Brand " + appId, appId, List.of("US", "GB"), first, second));
        campaigns.add(
            searchCampaign(
                base + 2, "Generic " + appId, appId, List.of("US", "DE", "JP"), third, first));
      }
      case 1 -> {
        campaigns.add(
            searchCampaign(base + 1, "Search " + appId, appId, List.of("US", "CA"), first, third));
        campaigns.add(
            new Campaign(
                base + 2, "Today tab " + appId, appId, TODAY_TAB, List.of("US"), List.of()));
      }
      default -> {
        // Every third app runs no campaign.
      }
    }
  }

  private static Campaign searchCampaign(
      long id, String name, String appId, List<String> countries, String shared, String other) {
    long group1 = id * 10 + 1;
    long group2 = id * 10 + 2;
    AdGroup exact =
        new AdGroup(
            group1,
            "Exact",
            List.of(
                new Keyword(group1 * 10 + 1, shared, "EXACT"),
                new Keyword(group1 * 10 + 2, other, "EXACT")));
    AdGroup broad =
        new AdGroup(group2, "Broad", List.of(new Keyword(group2 * 10 + 1, shared, "BROAD")));
    return new Campaign(id, name, appId, SEARCH_RESULTS, countries, List.of(exact, broad));
  }

  public List<Campaign> campaigns() {
    return List.copyOf(campaigns);
  }

  public Optional<Campaign> campaign(long id) {
    return campaigns.stream().filter(c -> c.id() == id).findFirst();
  }

  /** Returns the report rows' dimensions of a campaign, in the order the report lists them. */
  public List<RowKey> rowKeys(Campaign campaign) {
    List<RowKey> keys = new ArrayList<>();
    for (AdGroup group : campaign.adGroups()) {
      for (String country : campaign.countries()) {
        for (Keyword keyword : group.keywords()) {
          keys.add(new RowKey(campaign, group, keyword, keyword.text(), "TARGETED", country));
          if (keyword.matchType().equals("BROAD")) {
            keys.add(
                new RowKey(
                    campaign, group, keyword, keyword.text() + " free", "TARGETED", country));
          }
          keys.add(new RowKey(campaign, group, keyword, null, "TARGETED", country));
        }
        // Search Match finds a query the ad group also bids on, and one it does not.
        keys.add(
            new RowKey(campaign, group, null, group.keywords().get(0).text(), "AUTO", country));
        keys.add(
            new RowKey(
                campaign,
                group,
                null,
                "best " + campaign.appId().substring(7) + " app",
                "AUTO",
                country));
        keys.add(new RowKey(campaign, group, null, null, "AUTO", country));
      }
    }
    return keys;
  }

  /**
   * Returns a row's metrics for a day as of {@code today}, or empty when the row had no impression
   * that day or the day is before the history start or not before today.
   */
  public Optional<DayMetrics> metrics(RowKey key, LocalDate date, LocalDate today) {
    if (date.isBefore(historyStart) || !date.isBefore(today)) {
      return Optional.empty();
    }
    long hash =
        Seeds.hash(
            seed,
            "apple-ads",
            key.campaign().id(),
            key.adGroup().id(),
            key.keyword() == null ? "auto" : key.keyword().id(),
            key.term(),
            key.source(),
            key.country(),
            date);
    long positive = hash & Long.MAX_VALUE;
    if (positive % 7 == 0) {
      return Optional.empty();
    }

    boolean undisclosed = key.term() == null;
    long impressions = undisclosed ? 1 + positive % 9 : 12 + (positive >>> 8) % 400;
    long taps = impressions * (2 + (positive >>> 20) % 11) / 100;
    long finalInstalls = taps * (30 + (positive >>> 28) % 41) / 100;
    long centsPerTap = 40 + (positive >>> 36) % 200;
    BigDecimal spend = BigDecimal.valueOf(taps * centsPerTap, 2);
    long age = ChronoUnit.DAYS.between(date, today);
    long installs =
        finalInstalls
            * (ATTRIBUTION_DAYS + Math.min(age, ATTRIBUTION_DAYS))
            / (2 * ATTRIBUTION_DAYS);

    return Optional.of(new DayMetrics(date, impressions, taps, installs, spend));
  }

  /**
   * Returns the {@code search_terms} rows curation must produce for the metric dates {@code from}
   * to {@code to} (both included) as of {@code today}, sorted by app, date, undisclosed last, term,
   * source and country.
   */
  public List<SearchTermTotal> searchTermTotals(LocalDate from, LocalDate to, LocalDate today) {
    record Key(String app, LocalDate date, String term, String source, String country) {}
    Map<Key, long[]> counts = new LinkedHashMap<>();
    Map<Key, BigDecimal> spend = new LinkedHashMap<>();
    for (Campaign campaign : campaigns) {
      if (!campaign.searchResults()) {
        continue;
      }
      for (RowKey row : rowKeys(campaign)) {
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
          Optional<DayMetrics> day = metrics(row, date, today);
          if (day.isEmpty()) {
            continue;
          }
          boolean undisclosed = row.term() == null;
          Key key =
              new Key(
                  campaign.appId(),
                  date,
                  row.term(),
                  undisclosed ? null : row.source(),
                  undisclosed ? null : row.country());
          long[] sums = counts.computeIfAbsent(key, k -> new long[3]);
          sums[0] += day.get().impressions();
          sums[1] += day.get().taps();
          sums[2] += day.get().installs();
          spend.merge(key, day.get().spend(), BigDecimal::add);
        }
      }
    }

    List<SearchTermTotal> totals = new ArrayList<>();
    counts.forEach(
        (key, sums) ->
            totals.add(
                new SearchTermTotal(
                    key.app(),
                    key.date(),
                    key.term(),
                    key.source(),
                    key.country(),
                    key.term() == null,
                    sums[0],
                    sums[1],
                    sums[2],
                    spend.get(key),
                    CURRENCY)));
    totals.sort(
        java.util.Comparator.comparing(SearchTermTotal::appAppleId)
            .thenComparing(SearchTermTotal::metricDate)
            .thenComparing(SearchTermTotal::undisclosed)
            .thenComparing(t -> Objects.toString(t.searchTerm(), ""))
            .thenComparing(t -> Objects.toString(t.searchTermSource(), ""))
            .thenComparing(t -> Objects.toString(t.country(), "")));
    return totals;
  }
}
