package io.appstoreetl.curation.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Builds one page of an Apple Ads v1 search-terms report response, shaped as {@code {"result":
 * {"rows": [...], "summary": {...}}, "pagination": {...}, "error": null}}, with one report row per
 * term, keyword, ad group and country and its daily metrics in {@code granularMetrics}.
 */
public final class SearchTermReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long campaignId;
  private final ObjectNode page = JSON.createObjectNode();
  private final ArrayNode rows;
  private long nextKeywordId = 1;

  private SearchTermReport(long campaignId) {
    this.campaignId = campaignId;
    ObjectNode result = page.putObject("result");
    this.rows = result.putArray("rows");
    result.putObject("summary").putObject("grandTotal");
    page.putNull("error");
  }

  /** Starts a page of the report of {@code campaignId}. */
  public static SearchTermReport page(long campaignId) {
    return new SearchTermReport(campaignId);
  }

  /** One day of metrics of a report row. */
  public record Day(
      LocalDate date, long impressions, long taps, long installs, String spend, String currency) {}

  /** Returns a day of metrics with spend in USD. */
  public static Day day(LocalDate date, long impressions, long taps, long installs, String spend) {
    return new Day(date, impressions, taps, installs, spend, "USD");
  }

  /** Adds the row of a disclosed term under a new keyword of ad group {@code adGroupId}. */
  public SearchTermReport term(
      String text, String source, String country, long adGroupId, Day... days) {
    ObjectNode metadata = metadata(adGroupId, country);
    metadata.put("searchTermText", text);
    metadata.put("searchTermSource", source);
    return row(metadata, days);
  }

  /**
   * Adds a low-volume row whose text Apple does not disclose: {@code searchTermText} null when
   * {@code text} is null, missing when it is {@code "<missing>"}, and {@code text} otherwise (an
   * empty or blank string).
   */
  public SearchTermReport undisclosed(String text, String country, long adGroupId, Day... days) {
    ObjectNode metadata = metadata(adGroupId, country);
    if (text == null) {
      metadata.putNull("searchTermText");
    } else if (!text.equals("<missing>")) {
      metadata.put("searchTermText", text);
    }
    metadata.put("searchTermSource", "AUTO");
    return row(metadata, days);
  }

  /** Adds a report row with the given metadata and days. */
  public SearchTermReport row(ObjectNode metadata, Day... days) {
    ObjectNode row = rows.addObject();
    row.set("metadata", metadata);
    ArrayNode granular = row.putArray("granularMetrics");
    for (Day day : days) {
      ObjectNode metrics = granular.addObject();
      metrics.put("impressions", day.impressions());
      metrics.put("taps", day.taps());
      metrics.put("tapInstalls", day.installs());
      metrics.put("totalInstalls", day.installs() + 1000);
      metrics.put("ttr", 0.1);
      ObjectNode spend = metrics.putObject("localSpend");
      spend.put("amount", day.spend());
      spend.put("currency", day.currency());
      metrics.put("date", day.date().toString());
    }
    return this;
  }

  /** Adds an element of {@code result.rows} as raw JSON text. */
  public SearchTermReport rawRow(String json) {
    try {
      rows.add(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Invalid test row: " + json, e);
    }
    return this;
  }

  /** Returns the number of report rows on the page. */
  public int rowCount() {
    return rows.size();
  }

  public byte[] bytes() {
    ObjectNode pagination = page.putObject("pagination");
    pagination.put("offset", 0);
    pagination.put("pageSize", 1000);
    pagination.put("totalCount", rows.size());
    return page.toString().getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode metadata(long adGroupId, String country) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("campaignId", campaignId);
    metadata.put("adAccountId", 7001);
    metadata.put("adGroupId", adGroupId);
    metadata.putObject("adGroup").put("name", "group " + adGroupId).put("deleted", false);
    long keywordId = nextKeywordId++;
    metadata
        .putObject("keyword")
        .put("id", keywordId)
        .put("text", "keyword " + keywordId)
        .put("matchType", "BROAD");
    if (country != null) {
      metadata.put("countryOrRegion", country);
    }
    return metadata;
  }
}
