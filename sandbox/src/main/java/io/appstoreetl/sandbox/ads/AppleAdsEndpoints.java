package io.appstoreetl.sandbox.ads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apple Ads routes under {@link #PREFIX}: the OAuth token endpoint ({@code POST
 * /apple-ads/auth/oauth2/token}) and the Apple Ads Platform API v1 calls the extractor makes
 * ({@code /apple-ads/v1/...}): {@code GET acls}, {@code GET ad-accounts/{id}}, {@code POST
 * campaigns/query} and {@code POST reports/apps/searchterms/query}. API calls need a bearer token
 * from the token endpoint and {@code X-AP-Context: adAccountId=<id>}.
 */
public final class AppleAdsEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(AppleAdsEndpoints.class);
  public static final String PREFIX = "/apple-ads";
  public static final String TOKEN_PATH = PREFIX + "/auth/oauth2/token";
  public static final int MAX_PAGE_SIZE = 5000;
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int RATE_LIMIT = 600;

  private final AppleAdsData data;
  private final AppleAdsAuth auth;
  private final AppleAdsFaults faults;
  private final Supplier<LocalDate> today;
  private final int maxPageSize;
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong unauthorized = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  public AppleAdsEndpoints(
      AppleAdsData data,
      AppleAdsAuth auth,
      AppleAdsFaults faults,
      Supplier<LocalDate> today,
      int maxPageSize) {
    this.data = data;
    this.auth = auth;
    this.faults = faults;
    this.today = today;
    this.maxPageSize = maxPageSize;
  }

  /** An error the v1 API sends as {@code {"error": {"code", "message"}}}. */
  private static final class V1Error extends RuntimeException {
    private final int status;
    private final String code;

    V1Error(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /**
   * Handles one call below {@link #PREFIX}.
   *
   * @param headers the request headers, names in any case
   */
  public ApiResponse handle(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    if (path.equals(TOKEN_PATH)) {
      return token(method, headers, body);
    }

    apiCalls.incrementAndGet();
    try {
      String bearer = header(headers, "Authorization");
      String token =
          bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7).trim() : null;
      if (!auth.valid(token)) {
        unauthorized.incrementAndGet();
        throw new V1Error(401, "UNAUTHORIZED", "Invalid or expired access token");
      }
      if (faults.takeThrottle()) {
        throttled.incrementAndGet();
        ApiResponse response =
            v1Error(new V1Error(429, "rate_limit_exceeded", "Too many requests; retry later"));
        return response.withHeader("Retry-After", Long.toString(faults.retryAfter().toSeconds()));
      }
      String api = path.substring(PREFIX.length());
      if (!api.equals("/v1/acls")) {
        String context = header(headers, "X-AP-Context");
        if (!("adAccountId=" + AppleAdsData.AD_ACCOUNT_ID).equals(context)) {
          throw new V1Error(
              403,
              "FORBIDDEN",
              "X-AP-Context must be adAccountId=<an ad account of the API user>, got " + context);
        }
      }

      ObjectNode document = route(method, api, body);
      return ApiResponse.json(200, document, rateLimitHeaders());
    } catch (V1Error e) {
      return v1Error(e);
    }
  }

  private ObjectNode route(String method, String api, byte[] body) {
    if (api.equals("/v1/acls") && method.equals("GET")) {
      return acls();
    }
    if (api.equals("/v1/ad-accounts/" + AppleAdsData.AD_ACCOUNT_ID) && method.equals("GET")) {
      return adAccount();
    }
    if (api.equals("/v1/campaigns/query") && method.equals("POST")) {
      return campaigns(parse(body));
    }
    if (api.equals("/v1/reports/apps/searchterms/query") && method.equals("POST")) {
      return searchTerms(parse(body));
    }
    throw new V1Error(404, "NOT_FOUND", "No resource at " + method + " " + api);
  }

  private ObjectNode acls() {
    ObjectNode document = Json.MAPPER.createObjectNode();
    ObjectNode acl = document.putObject("result").putArray("acls").addObject();
    ObjectNode account = acl.putObject("adAccount");
    account.put("id", Long.parseLong(AppleAdsData.AD_ACCOUNT_ID));
    account.put("name", "Sandbox Ads");
    account.put("orgId", Long.parseLong(AppleAdsData.ORG_ID));
    acl.putArray("roles").add("API_ACCOUNT_READ_ONLY");
    document.putNull("pagination");
    document.putNull("error");
    return document;
  }

  private ObjectNode adAccount() {
    ObjectNode document = Json.MAPPER.createObjectNode();
    ObjectNode result = document.putObject("result");
    result.put("id", Long.parseLong(AppleAdsData.AD_ACCOUNT_ID));
    result.put("name", "Sandbox Ads");
    result.put("orgId", Long.parseLong(AppleAdsData.ORG_ID));
    result.put("timezone", AppleAdsData.TIME_ZONE);
    result.put("currency", AppleAdsData.CURRENCY);
    result.putArray("productFeatures").add("APPSTORE_APP_MANUAL");
    document.putNull("error");
    return document;
  }

  private ObjectNode campaigns(JsonNode request) {
    List<ObjectNode> items = new ArrayList<>();
    for (AppleAdsData.Campaign campaign : data.campaigns()) {
      ObjectNode item = Json.MAPPER.createObjectNode();
      item.put("id", campaign.id());
      item.put("name", campaign.name());
      item.put("adAccountId", Long.parseLong(AppleAdsData.AD_ACCOUNT_ID));
      item.put("promotedObjectId", campaign.appId());
      item.put("promotedObjectType", "APPSTORE_APP");
      item.put("status", "ENABLED");
      ObjectNode targeting = item.putObject("targeting");
      targeting.putObject("supplySource").putArray("include").add("APPSTORE");
      targeting.putObject("supplyPlacement").putArray("include").add(campaign.placement());
      ArrayNode countries = targeting.putObject("countryOrRegion").putArray("include");
      campaign.countries().forEach(countries::add);
      ObjectNode budget = item.putObject("dailyBudget");
      budget.put("amount", "50.00");
      budget.put("currency", AppleAdsData.CURRENCY);
      item.put("deleted", false);
      items.add(item);
    }
    return page(request, items, null);
  }

  private ObjectNode searchTerms(JsonNode request) {
    JsonNode timeRange = request.path("timeRange");
    LocalDate start = date(timeRange, "start");
    LocalDate end = date(timeRange, "end");
    String zone = timeRange.path("timeZone").asText("ORTZ");
    if (!zone.equals("ORTZ")) {
      throw new V1Error(400, "INVALID_INPUT", "timeZone must be ORTZ for search-term reports");
    }
    String granularity = timeRange.path("granularity").asText("");
    if (!granularity.isEmpty()
        && !granularity.equals("DAILY")
        && !granularity.equals("WEEKLY")
        && !granularity.equals("MONTHLY")) {
      throw new V1Error(
          400, "INVALID_INPUT", "granularity " + granularity + " is not allowed for search terms");
    }
    if (end.isBefore(start)) {
      throw new V1Error(400, "INVALID_INPUT", "timeRange.end is before timeRange.start");
    }
    if (granularity.equals("DAILY") && !end.isAfter(start)) {
      throw new V1Error(
          400, "INVALID_INPUT", "a DAILY range must be longer than one day; omit granularity");
    }
    if (ChronoUnit.DAYS.between(start, today.get()) > 90) {
      throw new V1Error(400, "INVALID_INPUT", "DAILY data starts at most 90 days ago");
    }

    AppleAdsData.Campaign campaign = campaignFilter(request.path("filters"));
    if (!campaign.searchResults()) {
      throw new V1Error(400, "INVALID_INPUT", "TAB CAMPAIGN DOES NOT CONTAIN KEYWORD");
    }

    List<ObjectNode> rows = new ArrayList<>();
    for (AppleAdsData.RowKey key : data.rowKeys(campaign)) {
      List<AppleAdsData.DayMetrics> days = new ArrayList<>();
      for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
        data.metrics(key, date, today.get()).ifPresent(days::add);
      }
      if (!days.isEmpty()) {
        rows.add(row(key, days, !granularity.isEmpty()));
      }
    }
    return page(request, rows, "rows");
  }

  private ObjectNode row(
      AppleAdsData.RowKey key, List<AppleAdsData.DayMetrics> days, boolean granular) {
    ObjectNode row = Json.MAPPER.createObjectNode();
    ObjectNode metadata = row.putObject("metadata");
    metadata.put("campaignId", key.campaign().id());
    metadata.put("adAccountId", Long.parseLong(AppleAdsData.AD_ACCOUNT_ID));
    if (key.term() == null) {
      metadata.putNull("searchTermText");
    } else {
      metadata.put("searchTermText", key.term());
    }
    metadata.put("searchTermSource", key.source());
    metadata.put("adGroupId", key.adGroup().id());
    ObjectNode adGroup = metadata.putObject("adGroup");
    adGroup.put("name", key.adGroup().name());
    adGroup.put("deleted", false);
    metadata.put("countryOrRegion", key.country());
    if (key.keyword() == null) {
      metadata.putNull("keyword");
    } else {
      ObjectNode keyword = metadata.putObject("keyword");
      keyword.put("id", key.keyword().id());
      keyword.put("text", key.keyword().text());
      keyword.put("matchType", key.keyword().matchType());
      ObjectNode bid = keyword.putObject("bid");
      bid.put("amount", "1.50");
      bid.put("currency", AppleAdsData.CURRENCY);
      keyword.put("status", "ACTIVE");
      keyword.put("displayStatus", "RUNNING");
      keyword.put("adGroupId", key.adGroup().id());
    }

    long impressions = 0;
    long taps = 0;
    long installs = 0;
    BigDecimal spend = BigDecimal.ZERO.setScale(2);
    for (AppleAdsData.DayMetrics day : days) {
      impressions += day.impressions();
      taps += day.taps();
      installs += day.installs();
      spend = spend.add(day.spend());
    }
    metrics(row.putObject("totalMetrics"), null, impressions, taps, installs, spend);
    if (granular) {
      ArrayNode granularMetrics = row.putArray("granularMetrics");
      for (AppleAdsData.DayMetrics day : days) {
        metrics(
            granularMetrics.addObject(),
            day.date(),
            day.impressions(),
            day.taps(),
            day.installs(),
            day.spend());
      }
    }
    return row;
  }

  private static void metrics(
      ObjectNode node,
      LocalDate date,
      long impressions,
      long taps,
      long installs,
      BigDecimal spend) {
    if (date != null) {
      node.put("date", date.toString());
    }
    node.put("impressions", impressions);
    node.put("taps", taps);
    node.put("tapInstalls", installs);
    node.put("tapNewDownloads", installs - installs / 5);
    node.put("tapRedownloads", installs / 5);
    node.put("viewInstalls", 0);
    node.put("totalInstalls", installs);
    node.put("ttr", impressions == 0 ? 0.0 : round((double) taps / impressions));
    node.put("tapInstallRate", taps == 0 ? 0.0 : round((double) installs / taps));
    money(node.putObject("localSpend"), spend);
    money(
        node.putObject("cpt"),
        taps == 0
            ? BigDecimal.ZERO.setScale(2)
            : spend.divide(BigDecimal.valueOf(taps), 2, java.math.RoundingMode.HALF_UP));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static void money(ObjectNode node, BigDecimal amount) {
    node.put("amount", amount.toPlainString());
    node.put("currency", AppleAdsData.CURRENCY);
  }

  private AppleAdsData.Campaign campaignFilter(JsonNode filters) {
    for (JsonNode filter : filters) {
      if (filter.path("field").asText().equals("campaignId")
          && filter.path("operator").asText().equals("EQUALS")) {
        JsonNode value = filter.path("value");
        String text = value.isArray() ? value.path(0).asText() : value.asText();
        try {
          Optional<AppleAdsData.Campaign> campaign = data.campaign(Long.parseLong(text));
          return campaign.orElseThrow(
              () -> new V1Error(404, "NOT_FOUND", "No campaign with id " + text));
        } catch (NumberFormatException e) {
          throw new V1Error(400, "INVALID_INPUT", "campaignId " + text + " is not a number");
        }
      }
    }
    throw new V1Error(400, "INVALID_INPUT", "filters must contain campaignId EQUALS <id>");
  }

  /** Pages {@code items} by the request's {@code pagination}, at most the configured page size. */
  private ObjectNode page(JsonNode request, List<ObjectNode> items, String rowsField) {
    JsonNode pagination = request.path("pagination");
    int offset = pagination.path("offset").asInt(0);
    int requested = pagination.path("pageSize").asInt(DEFAULT_PAGE_SIZE);
    if (offset < 0 || requested < 1 || requested > MAX_PAGE_SIZE) {
      throw new V1Error(
          400, "INVALID_INPUT", "pagination needs offset >= 0 and pageSize 1 to " + MAX_PAGE_SIZE);
    }
    int size = Math.min(requested, maxPageSize);
    List<ObjectNode> slice =
        items.subList(Math.min(offset, items.size()), Math.min(offset + size, items.size()));

    ObjectNode document = Json.MAPPER.createObjectNode();
    ArrayNode array;
    if (rowsField == null) {
      array = document.putArray("result");
    } else {
      array = document.putObject("result").putArray(rowsField);
    }
    slice.forEach(array::add);
    ObjectNode pageInfo = document.putObject("pagination");
    pageInfo.put("offset", offset);
    pageInfo.put("pageSize", size);
    pageInfo.put("totalCount", items.size());
    document.putNull("error");
    return document;
  }

  private ApiResponse token(String method, Map<String, List<String>> headers, byte[] body) {
    if (!method.equals("POST")) {
      return oauthError(405, "invalid_request", "use POST");
    }
    String contentType = header(headers, "Content-Type");
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "expected a form body");
    }
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    if (!"searchadsorg".equals(form.get("scope"))) {
      return oauthError(400, "invalid_scope", "scope must be searchadsorg");
    }

    try {
      String token = auth.issue(form.get("client_id"), form.get("client_secret"));
      ObjectNode document = Json.MAPPER.createObjectNode();
      document.put("access_token", token);
      document.put("token_type", "Bearer");
      document.put("expires_in", auth.tokenLifetime().toSeconds());
      document.put("scope", "searchadsorg");
      return ApiResponse.json(200, document);
    } catch (AppleAdsAuth.Rejected e) {
      LOG.info("Rejected an Apple Ads client secret: {}", e.getMessage());
      return oauthError(400, e.error(), e.getMessage());
    }
  }

  private static ApiResponse oauthError(int status, String error, String description) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.put("error", error);
    document.put("error_description", description);
    return ApiResponse.json(status, document);
  }

  private static ApiResponse v1Error(V1Error error) {
    ObjectNode document = Json.MAPPER.createObjectNode();
    document.putNull("result");
    document.putNull("pagination");
    ObjectNode body = document.putObject("error");
    body.put("code", error.code);
    body.put("message", error.getMessage());
    body.putArray("details");
    return ApiResponse.json(error.status, document);
  }

  private Map<String, String> rateLimitHeaders() {
    long used = apiCalls.get() % RATE_LIMIT;
    return Map.of(
        "RateLimit-Limit", Integer.toString(RATE_LIMIT),
        "RateLimit-Remaining", Long.toString(RATE_LIMIT - used),
        "RateLimit-Reset", "60");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new V1Error(400, "INVALID_INPUT", "the body is not valid JSON");
    }
  }

  private static LocalDate date(JsonNode timeRange, String field) {
    String text = timeRange.path(field).asText("");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new V1Error(400, "INVALID_INPUT", "timeRange." + field + " must be YYYY-MM-DD");
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  /** Returns how many v1 calls were received, rejected ones included. */
  public long apiCalls() {
    return apiCalls.get();
  }

  /** Returns how many v1 calls were rejected with 401. */
  public long unauthorizedCalls() {
    return unauthorized.get();
  }

  /** Returns how many v1 calls got 429. */
  public long throttledCalls() {
    return throttled.get();
  }
}
