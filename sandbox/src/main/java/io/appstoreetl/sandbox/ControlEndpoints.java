package io.appstoreetl.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.ads.SearchTermTotal;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.http.ApiError;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiHandler;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The sandbox's own endpoints under {@code /sandbox/}, outside Apple's paths, for driving a sandbox
 * that runs in another process: register keys, move the clock, read the ground truth, add apps,
 * change reviews, read and reset the counters, and flip fault switches. They need no token and do
 * not count as API calls.
 *
 * <p>Each fault endpoint takes a JSON object: {@code {"count":N}} for a counted switch, {@code
 * {"enabled":true|false}} for one that stays on. The others are listed at {@link
 * #register(ApiRoutes)}. A fault endpoint responds with 204.
 */
final class ControlEndpoints {

  static final String EDITED_REVIEW_BODY = "Edited: the latest update fixed my problem.";

  private final SandboxServer server;

  ControlEndpoints(SandboxServer server) {
    this.server = server;
  }

  /**
   * Adds the routes. Fault bodies beyond {@code count} and {@code enabled}:
   *
   * <ul>
   *   <li>{@code fail-api-calls}: optional {@code status} (500, 502, 503 or 504)
   *   <li>{@code throttle}: {@code retryAfter} ({@code NONE}, {@code SECONDS} or {@code
   *       EPOCH_MILLIS}) and {@code retryAfterSeconds}
   *   <li>{@code corrupt-downloads}: optional {@code segmentId}
   *   <li>{@code huge-page}: optional {@code items}
   *   <li>{@code delay}: {@code millis}
   *   <li>{@code sales-version}: {@code reportType} and {@code version}
   *   <li>{@code sales-delay} and {@code sales-retention}: {@code days}
   *   <li>{@code rate-limits}: {@code perHour} and optional {@code perMinute}
   * </ul>
   */
  void register(ApiRoutes routes) {
    SandboxFaults faults = server.faults();
    routes
        .add("/sandbox/keys", "POST", this::registerKey)
        .add("/sandbox/clock", "POST", this::setClock)
        .add("/sandbox/apple-ads/clients", "POST", this::registerAppleAdsClient)
        .add("/sandbox/status", "GET", this::status)
        .add("/sandbox/counters/reset", "POST", this::resetCounters)
        .add("/sandbox/ground-truth", "GET", this::analyticsGroundTruth)
        .add("/sandbox/ground-truth/sales", "GET", this::salesGroundTruth)
        .add("/sandbox/ground-truth/finance", "GET", this::financeGroundTruth)
        .add("/sandbox/ground-truth/reviews", "GET", this::reviewsGroundTruth)
        .add("/sandbox/ground-truth/metric-dates", "GET", this::metricDates)
        .add("/sandbox/ground-truth/search-terms", "GET", this::searchTermsGroundTruth)
        .add("/sandbox/requests/{id}/stop", "POST", this::stopRequest)
        .add("/sandbox/apps", "POST", this::addApp)
        .add("/sandbox/reviews/delete", "POST", this::deleteReview)
        .add("/sandbox/reviews/edit", "POST", this::editReview)
        .add("/sandbox/faults/reset", "POST", this::resetFaults)
        .add("/sandbox/faults/corrupt-downloads", "POST", this::corruptDownloads)
        .add("/sandbox/faults/fail-api-calls", "POST", this::failApiCalls)
        .add("/sandbox/faults/unauthorized", "POST", counted(faults::rejectNextTokens))
        .add("/sandbox/faults/conflict-on-create", "POST", counted(faults::conflictNextCreates))
        .add("/sandbox/faults/throttle", "POST", this::throttle)
        .add(
            "/sandbox/faults/delay",
            "POST",
            fault(body -> faults.apiResponseDelay(Duration.ofMillis(requiredInt(body, "millis")))))
        .add(
            "/sandbox/faults/expire-download-urls", "POST", counted(faults::expireNextDownloadUrls))
        .add("/sandbox/faults/truncate-segments", "POST", counted(faults::truncateNextSegments))
        .add("/sandbox/faults/html-downloads", "POST", counted(faults::serveHtmlForNextDownloads))
        .add("/sandbox/faults/multi-member-gzip", "POST", toggle(faults::multiMemberGzip))
        .add(
            "/sandbox/faults/sales-version",
            "POST",
            fault(
                body ->
                    faults.salesReportVersion(
                        requiredText(body, "reportType"), requiredText(body, "version"))))
        .add(
            "/sandbox/faults/sales-delay",
            "POST",
            fault(body -> faults.salesPublicationDelayDays(requiredInt(body, "days"))))
        .add(
            "/sandbox/faults/sales-retention",
            "POST",
            fault(body -> faults.salesRetentionDays(requiredInt(body, "days"))))
        .add(
            "/sandbox/faults/forbid-request-listing",
            "POST",
            toggle(faults::requestListingForbidden))
        .add("/sandbox/faults/finance-access", "POST", toggle(faults::financeAccess))
        .add("/sandbox/faults/malformed-json", "POST", counted(faults::malformNextJsonResponses))
        .add(
            "/sandbox/faults/missing-fields",
            "POST",
            counted(faults::dropDataFromNextJsonResponses))
        .add(
            "/sandbox/faults/wrong-content-type",
            "POST",
            counted(faults::mislabelNextJsonResponses))
        .add("/sandbox/faults/looping-next-links", "POST", toggle(faults::loopingNextLinks))
        .add(
            "/sandbox/faults/huge-page",
            "POST",
            fault(
                body ->
                    faults.serveHugeNextPages(
                        requiredInt(body, "count"),
                        optionalInt(body, "items", FaultSwitches.DEFAULT_HUGE_PAGE_ITEMS))))
        .add("/sandbox/faults/stall-api-calls", "POST", counted(faults::stallNextApiCalls))
        .add("/sandbox/faults/stall-downloads", "POST", counted(faults::stallNextDownloads))
        .add(
            "/sandbox/faults/stall-downloads-mid-body",
            "POST",
            counted(faults::stallNextDownloadsMidBody))
        .add(
            "/sandbox/faults/apple-ads-throttle",
            "POST",
            fault(
                body ->
                    faults.throttleNextAppleAdsCalls(
                        requiredInt(body, "count"),
                        Duration.ofSeconds(optionalInt(body, "retryAfterSeconds", 1)))))
        .add(
            "/sandbox/faults/apple-ads-expire-tokens",
            "POST",
            fault(body -> faults.expireAppleAdsTokens()))
        .add(
            "/sandbox/faults/rate-limits",
            "POST",
            fault(
                body ->
                    faults.rateLimits(
                        requiredInt(body, "perHour"), optionalInt(body, "perMinute", 0))));
  }

  /** Returns a handler that reads the body, applies a switch and responds with 204. */
  private static ApiHandler fault(Consumer<JsonNode> apply) {
    return request -> {
      JsonNode body = readBody(request);
      try {
        apply.accept(body);
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
      return ApiResponse.noContent();
    };
  }

  /** Returns a handler for a counted switch, whose body is {@code {"count":N}}. */
  private static ApiHandler counted(IntConsumer arm) {
    return fault(body -> arm.accept(requiredInt(body, "count")));
  }

  /** Returns a handler for a switch that stays on, whose body is {@code {"enabled":bool}}. */
  private static ApiHandler toggle(Consumer<Boolean> set) {
    return fault(body -> set.accept(requiredBoolean(body, "enabled")));
  }

  /** Body {@code {"keyId","issuerId","publicKeyPem"}}; issuerId may be null for individual keys. */
  private ApiResponse registerKey(ApiRequest request) {
    JsonNode body = readBody(request);
    String keyId = requiredText(body, "keyId");
    String issuerId = body.path("issuerId").isTextual() ? body.path("issuerId").asText() : null;
    ECPublicKey publicKey = parsePublicKey(requiredText(body, "publicKeyPem"));
    try {
      server.registerKey(keyId, issuerId, publicKey);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"clientId":"...","teamId":"...","keyId":"...","publicKeyPem":"..."}}. */
  private ApiResponse registerAppleAdsClient(ApiRequest request) {
    JsonNode body = readBody(request);
    server.registerAppleAdsClient(
        requiredText(body, "clientId"),
        requiredText(body, "teamId"),
        requiredText(body, "keyId"),
        parsePublicKey(requiredText(body, "publicKeyPem")));
    return ApiResponse.noContent();
  }

  /** Body {@code {"today":"YYYY-MM-DD"}}. */
  private ApiResponse setClock(ApiRequest request) {
    LocalDate today = parseDate(requiredText(readBody(request), "today"), "today");
    try {
      server.setToday(today);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("today", server.today().toString());
    return ApiResponse.json(200, result);
  }

  private ApiResponse status(ApiRequest request) {
    SandboxConfig config = server.config();
    ObjectNode status = Json.MAPPER.createObjectNode();
    status.put("baseUrl", server.baseUrl());
    status.put("today", server.today().toString());
    status.put("historyStart", config.historyStart().toString());
    status.put("vendorNumber", config.vendorNumber());
    ArrayNode appIds = status.putArray("appIds");
    server.appIds().forEach(appIds::add);
    status.put("requestCount", server.apiCallCount());
    status.put("apiCallCount", server.apiCallCount());
    status.put("downloadCount", server.downloadCount());
    status.put("peakRequestsPerMinute", server.peakRequestsPerMinute());
    return ApiResponse.json(200, status);
  }

  /** Takes no body. */
  private ApiResponse resetFaults(ApiRequest request) {
    server.faults().reset();
    return ApiResponse.noContent();
  }

  private ApiResponse resetCounters(ApiRequest request) {
    server.resetCounters();
    return ApiResponse.noContent();
  }

  /**
   * Query {@code app_id}, {@code report} (Apple's report name), {@code date} (the period start) and
   * optionally {@code granularity} (default {@code DAILY}).
   */
  private ApiResponse analyticsGroundTruth(ApiRequest request) {
    String appId = requiredParameter(request, "app_id");
    String report = requiredParameter(request, "report");
    LocalDate date = parseDate(requiredParameter(request, "date"), "date");
    String granularity = request.query().get("granularity").orElse("DAILY");
    try {
      return rowsResponse(server.groundTruth().analyticsRows(appId, report, granularity, date));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /**
   * Query {@code date} and optionally {@code report_type} (default {@code SALES}) and {@code
   * frequency} (default {@code DAILY}).
   */
  private ApiResponse salesGroundTruth(ApiRequest request) {
    LocalDate date = parseDate(requiredParameter(request, "date"), "date");
    String reportType = request.query().get("report_type").orElse("SALES");
    String frequency = request.query().get("frequency").orElse("DAILY");
    try {
      return rowsResponse(server.groundTruth().salesRows(reportType, frequency, date));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** Query {@code region}, {@code report_type} and {@code month} ({@code YYYY-MM}). */
  private ApiResponse financeGroundTruth(ApiRequest request) {
    String region = requiredParameter(request, "region");
    String reportType = requiredParameter(request, "report_type");
    String month = requiredParameter(request, "month");
    try {
      return rowsResponse(
          server.groundTruth().financeRows(region, reportType, YearMonth.parse(month)));
    } catch (DateTimeParseException e) {
      throw invalid("Invalid month: " + month + " (expected YYYY-MM)");
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** Query {@code app_id}. */
  /**
   * Query {@code from} and {@code to} (YYYY-MM-DD): the {@code search_terms} rows of {@link
   * GroundTruth#searchTermTotals}, with {@code spend} as a decimal string.
   */
  private ApiResponse searchTermsGroundTruth(ApiRequest request) {
    LocalDate from = parseDate(requiredParameter(request, "from"), "from");
    LocalDate to = parseDate(requiredParameter(request, "to"), "to");
    var rows = Json.MAPPER.createArrayNode();
    for (SearchTermTotal total : server.groundTruth().searchTermTotals(from, to)) {
      ObjectNode row = rows.addObject();
      row.put("app_apple_id", total.appAppleId());
      row.put("metric_date", total.metricDate().toString());
      row.put("search_term", total.searchTerm());
      row.put("search_term_source", total.searchTermSource());
      row.put("country", total.country());
      row.put("undisclosed", total.undisclosed());
      row.put("impressions", total.impressions());
      row.put("taps", total.taps());
      row.put("installs", total.installs());
      row.put("spend", total.spend().toPlainString());
      row.put("currency", total.currency());
    }
    return ApiResponse.json(200, rows);
  }

  private ApiResponse reviewsGroundTruth(ApiRequest request) {
    try {
      return rowsResponse(server.groundTruth().reviews(requiredParameter(request, "app_id")));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** Responds with {@code {"id":"<new app id>"}}. */
  private ApiResponse addApp(ApiRequest request) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("id", server.addApp());
    return ApiResponse.json(200, result);
  }

  /**
   * Body {@code {"appId":"...","reviewId":"..."}}. Without {@code reviewId}, deletes the app's
   * newest review. Responds with {@code {"reviewId":"..."}}.
   */
  private ApiResponse deleteReview(ApiRequest request) {
    JsonNode body = readBody(request);
    String appId = requiredText(body, "appId");
    try {
      String reviewId = reviewIdOrNewest(body, appId);
      ObjectNode result = Json.MAPPER.createObjectNode();
      result.put("reviewId", server.deleteReview(appId, reviewId));
      return ApiResponse.json(200, result);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /**
   * Body {@code {"appId":"...","reviewId":"...","body":"..."}}. Without {@code reviewId}, edits the
   * app's newest review, and without {@code body}, writes a fixed edited text. Responds with {@code
   * {"reviewId":"..."}}.
   */
  private ApiResponse editReview(ApiRequest request) {
    JsonNode body = readBody(request);
    String appId = requiredText(body, "appId");
    String newBody =
        body.path("body").isTextual() ? body.path("body").asText() : EDITED_REVIEW_BODY;
    try {
      String reviewId = reviewIdOrNewest(body, appId);
      server.editReview(appId, reviewId, newBody);
      ObjectNode result = Json.MAPPER.createObjectNode();
      result.put("reviewId", reviewId);
      return ApiResponse.json(200, result);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private String reviewIdOrNewest(JsonNode body, String appId) {
    if (body.path("reviewId").isTextual()) {
      return body.path("reviewId").asText();
    }
    List<Map<String, String>> visible = server.groundTruth().reviews(appId);
    if (visible.isEmpty()) {
      throw new IllegalArgumentException("Invalid appId: " + appId + " (the app has no reviews)");
    }
    return visible.get(0).get("id");
  }

  private ApiResponse metricDates(ApiRequest request) {
    ArrayNode dates = Json.MAPPER.createArrayNode();
    server.groundTruth().metricDates().forEach(date -> dates.add(date.toString()));
    return ApiResponse.json(200, dates);
  }

  private ApiResponse stopRequest(ApiRequest request) {
    String id = request.pathParameter(0);
    try {
      server.markStoppedDueToInactivity(id);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"segmentId":"...","count":N}}; without {@code segmentId}, any segment. */
  private ApiResponse corruptDownloads(ApiRequest request) {
    JsonNode body = readBody(request);
    try {
      int count = requiredInt(body, "count");
      if (body.path("segmentId").isTextual()) {
        server.faults().corruptNextDownloads(body.path("segmentId").asText(), count);
      } else {
        server.faults().corruptNextDownloads(count);
      }
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"count":N,"status":500}}; the status is optional. */
  private ApiResponse failApiCalls(ApiRequest request) {
    JsonNode body = readBody(request);
    try {
      server
          .faults()
          .failNextApiCalls(requiredInt(body, "count"), optionalInt(body, "status", 500));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return ApiResponse.noContent();
  }

  /** Body {@code {"count":N,"retryAfter":"NONE|SECONDS|EPOCH_MILLIS","retryAfterSeconds":S}}. */
  private ApiResponse throttle(ApiRequest request) {
    JsonNode body = readBody(request);
    String format = body.path("retryAfter").asText("NONE");
    try {
      server
          .faults()
          .throttleNextApiCalls(
              requiredInt(body, "count"),
              RetryAfterFormat.valueOf(format),
              Duration.ofSeconds(optionalInt(body, "retryAfterSeconds", 1)));
    } catch (IllegalArgumentException e) {
      throw invalid(
          e.getMessage().startsWith("No enum constant")
              ? "Invalid retryAfter: " + format + " (expected NONE, SECONDS or EPOCH_MILLIS)"
              : e.getMessage());
    }
    return ApiResponse.noContent();
  }

  private static ApiResponse rowsResponse(List<Map<String, String>> rows) {
    return ApiResponse.json(200, Json.MAPPER.valueToTree(rows));
  }

  static ECPublicKey parsePublicKey(String pem) {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      return (ECPublicKey) key;
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw invalid(
          "Invalid publicKeyPem: not a PEM-encoded X.509 SubjectPublicKeyInfo of an EC key ("
              + e.getMessage()
              + ")");
    }
  }

  private static JsonNode readBody(ApiRequest request) {
    try {
      JsonNode body = Json.MAPPER.readTree(request.body());
      if (body == null || !body.isObject()) {
        throw invalid("Invalid body: expected a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw invalid("Invalid body: not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw invalid("Invalid body: cannot be read (" + e.getMessage() + ")");
    }
  }

  private static String requiredText(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw invalid("Missing member: '" + member + "' (expected a non-empty string)");
    }
    return value.asText();
  }

  private static boolean requiredBoolean(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isBoolean()) {
      throw invalid("Missing member: '" + member + "' (expected true or false)");
    }
    return value.asBoolean();
  }

  private static int optionalInt(JsonNode body, String member, int defaultValue) {
    return body.has(member) ? requiredInt(body, member) : defaultValue;
  }

  private static int requiredInt(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw invalid("Missing member: '" + member + "' (expected an integer)");
    }
    return value.asInt();
  }

  private static String requiredParameter(ApiRequest request, String name) {
    return request
        .query()
        .get(name)
        .filter(value -> !value.isEmpty())
        .orElseThrow(() -> invalid("Missing query parameter: '" + name + "'"));
  }

  private static LocalDate parseDate(String value, String name) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid("Invalid " + name + ": " + value + " (expected YYYY-MM-DD)");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(
        new ApiError(
            400, "SANDBOX_CONTROL_ERROR", "Invalid sandbox control request", detail, null, null));
  }
}
