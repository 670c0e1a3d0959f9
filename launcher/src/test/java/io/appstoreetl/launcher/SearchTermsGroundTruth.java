package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the {@code search_terms} table with the sandbox's Apple Ads ground truth.
 *
 * <p>The table keeps a row per campaign; the ground truth sums every campaign of an app. So the
 * table's rows are summed per app, day, term, term source, country and undisclosed flag before the
 * comparison, and spend is compared as a number (the table has 4 decimal places, the ground truth
 * 2).
 */
final class SearchTermsGroundTruth {

  private SearchTermsGroundTruth() {}

  /**
   * Asserts that the table's totals of the metric dates {@code from..to} equal the ground truth's,
   * that undisclosed rows name no term, and returns the number of ground-truth rows compared.
   */
  static int assertTotalsEqual(
      GroundTruth truth, List<Map<String, JsonNode>> tableRows, LocalDate from, LocalDate to) {
    Map<String, String> expected = new TreeMap<>();
    for (SearchTermTotal total : truth.searchTermTotals(from, to)) {
      String key =
          key(
              total.appAppleId(),
              total.metricDate().toString(),
              total.searchTerm(),
              total.searchTermSource(),
              total.country(),
              total.undisclosed());
      expected.put(
          key,
          metrics(
              total.impressions(),
              total.taps(),
              total.installs(),
              total.spend(),
              total.currency()));
    }

    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> spend = new TreeMap<>();
    Map<String, String> currency = new TreeMap<>();
    int undisclosedRows = 0;
    for (Map<String, JsonNode> row : tableRows) {
      LocalDate date = LocalDate.parse(row.get("metric_date").asText());
      if (date.isBefore(from) || date.isAfter(to)) {
        continue;
      }
      boolean undisclosed = row.get("undisclosed").asBoolean();
      String term = text(row.get("search_term"));
      if (undisclosed) {
        undisclosedRows++;
        assertThat(term).as("term of an undisclosed row: %s", row).isNull();
        assertThat(text(row.get("search_term_source"))).as("source of %s", row).isNull();
        assertThat(text(row.get("country"))).as("country of %s", row).isNull();
      } else {
        assertThat(term).as("term of a disclosed row: %s", row).isNotNull();
      }

      String key =
          key(
              row.get("app_apple_id").asText(),
              date.toString(),
              term,
              text(row.get("search_term_source")),
              text(row.get("country")),
              undisclosed);
      long[] sums = counts.computeIfAbsent(key, k -> new long[3]);
      sums[0] += row.get("impressions").asLong();
      sums[1] += row.get("taps").asLong();
      sums[2] += row.get("installs").asLong();
      spend.merge(key, new BigDecimal(row.get("spend").asText()), BigDecimal::add);
      currency.merge(
          key, row.get("spend_currency").asText(), (a, b) -> a.equals(b) ? a : a + "+" + b);
    }
    Map<String, String> actual = new TreeMap<>();
    counts.forEach(
        (key, sums) ->
            actual.put(key, metrics(sums[0], sums[1], sums[2], spend.get(key), currency.get(key))));

    assertThat(undisclosedRows).as("undisclosed rows in search_terms").isPositive();
    assertThat(actual)
        .as("search_terms totals per app, day, term, source and country from %s to %s", from, to)
        .isEqualTo(expected);

    return expected.size();
  }

  private static String key(
      String app, String date, String term, String source, String country, boolean undisclosed) {
    return String.join(
            "|", app, date, String.valueOf(term), String.valueOf(source), String.valueOf(country))
        + (undisclosed ? "|undisclosed" : "");
  }

  private static String metrics(
      long impressions, long taps, long installs, BigDecimal spend, String currency) {
    return "impressions="
        + impressions
        + " taps="
        + taps
        + " installs="
        + installs
        + " spend="
        + spend.stripTrailingZeros().toPlainString()
        + " "
        + currency;
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }
}
