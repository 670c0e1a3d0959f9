package io.appstoreetl.curation.rows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns one landed page of the Apple Ads v1 search-terms report ({@code POST
 * /v1/reports/apps/searchterms/query}) into {@code search_terms} rows, one per report row and day.
 *
 * <p>A page is {@code {"result": {"rows": [...]}, "pagination": ..., "error": null}}. Each element
 * of {@code result.rows} carries {@code metadata} and, per day, an entry of {@code granularMetrics}
 * with its {@code date}; a single-day report may carry {@code totalMetrics} only, dated by the
 * unit's {@code start_date}. The element's position in {@code result.rows} (from 1) is its line
 * number in rejects. Rows of days the unit does not win are left out. Rows are not summed here: a
 * term appears once per keyword, ad group and country, possibly on several pages, and the writer
 * sums them per key.
 *
 * <p>A row without {@code searchTermText} (null, missing or blank) is a low-volume row whose term
 * Apple does not disclose: it becomes an {@code undisclosed} row with null term, term source and
 * country, so every such row of an app, campaign and day sums into one.
 *
 * <p>Field names are matched exactly first, then regardless of case, because Apple's examples do
 * not always spell them the same way.
 */
final class SearchTermPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableDefinition TABLE = Tables.SEARCH_TERMS;
  private static final int SPEND_SCALE = TABLE.column("spend").type().scale();
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private SearchTermPages() {}

  /**
   * Returns the rows and rejects of the page {@code json}.
   *
   * @throws JsonProcessingException if the page is not JSON
   * @throws IllegalArgumentException if the page is not a report response, with the reason
   */
  static List<ParseOutcome> parse(FileTask task, String json, FileStats stats)
      throws JsonProcessingException {
    JsonNode page = JSON.readTree(json);
    if (page == null || !page.isObject()) {
      throw new IllegalArgumentException(
          "not a JSON object (expected an Apple Ads v1 report response)");
    }
    JsonNode error = field(page, "error");
    if (error != null && !error.isNull()) {
      throw new IllegalArgumentException("the response carries an error: " + error);
    }
    JsonNode result = field(page, "result");
    JsonNode rows = result == null ? null : field(result, "rows");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException(
          "no \"result.rows\" array (expected an Apple Ads v1 report response)");
    }

    List<ParseOutcome> outcomes = new ArrayList<>();
    int position = 0;
    for (JsonNode row : rows) {
      position++;
      outcomes.addAll(rowsOf(task, row, position));
    }

    return outcomes;
  }

  /** Returns the outcomes of one element of {@code result.rows}, one per day it carries. */
  private static List<ParseOutcome> rowsOf(FileTask task, JsonNode row, int position) {
    UnitManifest unit = task.unit();
    List<DatedMetrics> days = new ArrayList<>();
    String dayProblem = daysOf(unit, row, days);
    if (dayProblem != null) {
      return List.of(reject(task, row, position, null, dayProblem));
    }

    String metadataProblem = null;
    JsonNode metadata = row.isObject() ? field(row, "metadata") : null;
    if (metadata == null || !metadata.isObject()) {
      metadataProblem = "Invalid report row: no \"metadata\" object";
    } else {
      JsonNode campaign = field(metadata, "campaignId");
      long expected = unit.appleAds().campaignId();
      if (campaign != null
          && !campaign.isNull()
          && !campaign.asText().equals(Long.toString(expected))) {
        metadataProblem =
            "Invalid metadata.campaignId: "
                + campaign.asText()
                + " (expected the unit's campaign "
                + expected
                + ")";
      }
    }

    List<ParseOutcome> outcomes = new ArrayList<>();
    for (DatedMetrics day : days) {
      if (day.date() != null && !task.wonDates().contains(day.date())) {
        continue;
      }
      if (day.problem() != null) {
        outcomes.add(reject(task, row, position, day.date(), day.problem()));
      } else if (metadataProblem != null) {
        outcomes.add(reject(task, row, position, day.date(), metadataProblem));
      } else {
        outcomes.add(day(task, metadata, day.date(), day.metrics(), row, position));
      }
    }

    return outcomes;
  }

  /**
   * Fills {@code days} with the row's dated metrics and returns null, or returns why the row has
   * none.
   */
  private static String daysOf(UnitManifest unit, JsonNode row, List<DatedMetrics> days) {
    if (!row.isObject()) {
      return "Invalid report row: not a JSON object";
    }
    JsonNode granular = field(row, "granularMetrics");
    if (granular != null && !granular.isNull()) {
      if (!granular.isArray()) {
        return "Invalid granularMetrics: not an array";
      }
      for (JsonNode metrics : granular) {
        String dateText = text(field(metrics, "date"));
        if (dateText == null) {
          days.add(new DatedMetrics(null, metrics, "Invalid granularMetrics[].date: missing"));
          continue;
        }
        try {
          days.add(new DatedMetrics(LocalDate.parse(dateText), metrics, null));
        } catch (DateTimeParseException e) {
          days.add(
              new DatedMetrics(
                  null,
                  metrics,
                  "Invalid granularMetrics[].date: " + dateText + " (expected YYYY-MM-DD)"));
        }
      }
      return null;
    }

    // Apple rejects DAILY granularity for a one-day range, so such a report has totals only.
    JsonNode total = field(row, "totalMetrics");
    UnitManifest.AppleAdsScope scope = unit.appleAds();
    if (total != null && total.isObject() && scope.startDate().equals(scope.endDate())) {
      days.add(new DatedMetrics(scope.startDate(), total, null));
      return null;
    }

    return "Invalid report row: no granularMetrics (expected daily metrics, or totalMetrics of a"
        + " one-day report)";
  }

  private static ParseOutcome day(
      FileTask task,
      JsonNode metadata,
      LocalDate date,
      JsonNode metrics,
      JsonNode row,
      int position) {
    Object[] values = new Object[TABLE.columns().size()];
    try {
      set(values, "impressions", count(metrics, "impressions"));
      set(values, "taps", count(metrics, "taps"));
      set(values, "installs", count(metrics, "tapInstalls"));
      setSpend(values, metrics);
    } catch (IllegalArgumentException e) {
      return reject(task, row, position, date, e.getMessage());
    }

    String term = text(field(metadata, "searchTermText"));
    boolean undisclosed = term == null || term.isBlank();
    UnitManifest unit = task.unit();
    set(values, "app_apple_id", unit.appId());
    set(values, "metric_date", date);
    set(values, "campaign_id", unit.appleAds().campaignId());
    set(values, "search_term", undisclosed ? null : term);
    set(
        values,
        "search_term_source",
        undisclosed ? null : text(field(metadata, "searchTermSource")));
    set(values, "country", undisclosed ? null : text(field(metadata, "countryOrRegion")));
    set(values, "undisclosed", undisclosed);
    set(values, "fetched_date", unit.fetchedDate());
    set(values, "landed_at", LocalDateTime.ofInstant(unit.landedAt(), ZoneOffset.UTC));
    set(values, "source_file", task.sourceFile());
    set(values, "loaded_at", task.loadedAt());

    return ParseOutcome.row(TABLE.name(), task.sourceFile(), date, values);
  }

  /**
   * Returns a whole, non-negative count. Apple sends numbers, and a digit string is accepted too.
   */
  private static long count(JsonNode metrics, String name) {
    JsonNode value = field(metrics, name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("Invalid " + name + ": missing (expected a whole number)");
    }
    long count;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      count = value.longValue();
    } else if (value.isTextual() && value.textValue().matches("[0-9]{1,18}")) {
      count = Long.parseLong(value.textValue());
    } else {
      throw new IllegalArgumentException(
          "Invalid " + name + ": " + value + " (expected a whole number)");
    }
    if (count < 0) {
      throw new IllegalArgumentException(
          "Invalid " + name + ": " + value + " (expected 0 or more)");
    }

    return count;
  }

  private static void setSpend(Object[] values, JsonNode metrics) {
    JsonNode spend = field(metrics, "localSpend");
    if (spend == null || !spend.isObject()) {
      throw new IllegalArgumentException(
          "Invalid localSpend: "
              + (spend == null ? "missing" : spend.toString())
              + " (expected {\"amount\": \"<decimal>\", \"currency\": \"<ISO 4217 code>\"})");
    }
    JsonNode amountNode = field(spend, "amount");
    String amountText = amountNode == null || amountNode.isNull() ? null : amountNode.asText();
    BigDecimal amount;
    try {
      amount = amountText == null ? null : new BigDecimal(amountText.trim());
    } catch (NumberFormatException e) {
      amount = null;
    }
    if (amount == null || amount.stripTrailingZeros().scale() > SPEND_SCALE) {
      throw new IllegalArgumentException(
          "Invalid localSpend.amount: "
              + amountText
              + " (expected a decimal with at most "
              + SPEND_SCALE
              + " decimal places)");
    }
    String currency = text(field(spend, "currency"));
    if (currency == null || !CURRENCY.matcher(currency.toUpperCase(Locale.ROOT)).matches()) {
      throw new IllegalArgumentException(
          "Invalid localSpend.currency: " + currency + " (expected an ISO 4217 code such as USD)");
    }

    set(values, "spend", amount.setScale(SPEND_SCALE));
    set(values, "spend_currency", currency.toUpperCase(Locale.ROOT));
  }

  private static ParseOutcome reject(
      FileTask task, JsonNode row, int position, LocalDate metricDate, String reason) {
    return ParseOutcome.rejected(
        TABLE.name(),
        new RejectedLine(task.sourceFile(), position, metricDate, reason, row.toString()));
  }

  /** Returns the field {@code name} of an object, matched exactly or else regardless of case. */
  private static JsonNode field(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }

    return null;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isTextual() ? node.textValue() : node.toString();

    return text.isEmpty() ? null : text;
  }

  private static void set(Object[] values, String column, Object value) {
    values[TABLE.indexOf(column)] = value;
  }

  /** One day of a report row: its date (null when unreadable), metrics, or why it is rejected. */
  private record DatedMetrics(LocalDate date, JsonNode metrics, String problem) {}
}
