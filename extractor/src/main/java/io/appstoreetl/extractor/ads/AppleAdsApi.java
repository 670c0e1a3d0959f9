package io.appstoreetl.extractor.ads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.extractor.http.ApiPage;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import java.io.IOException;
import java.time.LocalDate;

/**
 * The Apple Ads Platform API v1 calls the extractor makes. The {@link AppStoreConnectClient} under
 * it sends the bearer token and the {@code X-AP-Context} header, retries 429 (honouring {@code
 * Retry-After}) and 5xx through the extractor's retry policy and rate limiter, and on a 401 gets
 * one fresh token.
 */
public final class AppleAdsApi {
  /** Largest page the v1 report endpoints serve. */
  public static final int MAX_PAGE_SIZE = 5000;

  /** Pages of one listing or report at most, so that a server that never stops paging is caught. */
  static final int MAX_PAGES = 9999;

  private final AppStoreConnectClient client;
  private final ObjectMapper mapper;

  public AppleAdsApi(AppStoreConnectClient client) {
    this.client = client;
    this.mapper = client.mapper();
  }

  /**
   * Returns the value of {@code X-AP-Context} for an ad account.
   *
   * <p>NOTE: one developer-forum report says app report calls needed {@code orgId=<org id>}
   * instead. Only the documented {@code adAccountId} form is sent, and no live account has
   * confirmed it for the search-terms report.
   */
  public static String contextHeader(String adAccountId) {
    return "adAccountId=" + adAccountId;
  }

  /** {@code GET /v1/acls}: the ad accounts the API user can reach, with their org ids. */
  public JsonNode acls() throws IOException {
    return client.getJson("/v1/acls");
  }

  /** {@code GET /v1/ad-accounts/{id}}: the ad account's time zone and currency. */
  public JsonNode adAccount(String adAccountId) throws IOException {
    return client.getJson("/v1/ad-accounts/" + adAccountId);
  }

  /** {@code POST /v1/campaigns/query}: one page of the ad account's campaigns. */
  public ApiPage campaignsPage(int offset, int pageSize) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    pagination(body, offset, pageSize);
    return client.postPage("/v1/campaigns/query", body);
  }

  /**
   * {@code POST /v1/reports/apps/searchterms/query}: one page of a campaign's search-terms report,
   * DAILY in the ad account's time zone ({@code ORTZ}, the only zone Apple allows for it), grouped
   * by country or region.
   */
  public ApiPage searchTermsPage(
      String campaignId, LocalDate start, LocalDate end, int offset, int pageSize)
      throws IOException {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode timeRange = body.putObject("timeRange");
    timeRange.put("start", start.toString());
    timeRange.put("end", end.toString());
    timeRange.put("timeZone", "ORTZ");
    timeRange.put("granularity", "DAILY");
    ObjectNode filter = body.putArray("filters").addObject();
    filter.put("field", "campaignId");
    filter.put("operator", "EQUALS");
    // NOTE: Apple documents filters as {field, operator, value} without showing whether an EQUALS
    // value is a string or a one-element array; the sandbox accepts both.
    filter.put("value", campaignId);
    body.putArray("groupBy").add("countryOrRegion");
    pagination(body, offset, pageSize);

    return client.postPage("/v1/reports/apps/searchterms/query", body);
  }

  /**
   * Returns the offset of the page after {@code page}, or -1 after the last page. Apple pages while
   * {@code offset + pageSize < totalCount}.
   *
   * @throws NonRetryableIOException when the page has no pagination block or pages backwards
   */
  static int nextOffset(ApiPage page, int offset, int requestedPageSize, int items)
      throws NonRetryableIOException {
    JsonNode pagination = page.json().path("pagination");
    JsonNode total = pagination.path("totalCount");
    if (!total.canConvertToLong()) {
      if (items < requestedPageSize) {
        return -1;
      }
      throw new NonRetryableIOException(
          "Invalid response to POST "
              + page.url()
              + ": a full page of "
              + items
              + " items without pagination.totalCount (expected it, to know whether more follow)");
    }

    long next = (long) offset + items;
    if (next >= total.asLong()) {
      return -1;
    }
    if (items == 0) {
      throw new NonRetryableIOException(
          "Invalid response to POST "
              + page.url()
              + ": an empty page at offset "
              + offset
              + " while pagination.totalCount is "
              + total.asLong());
    }

    return (int) next;
  }

  private static void pagination(ObjectNode body, int offset, int pageSize) {
    ObjectNode pagination = body.putObject("pagination");
    pagination.put("offset", offset);
    pagination.put("pageSize", pageSize);
  }
}
