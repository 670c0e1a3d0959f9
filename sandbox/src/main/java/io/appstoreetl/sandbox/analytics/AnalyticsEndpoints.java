package io.appstoreetl.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import io.appstoreetl.sandbox.http.JsonApi;
import io.appstoreetl.sandbox.http.Paging;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Analytics Reports API: report requests, reports, instances and segments, with Apple's paths,
 * filters, paging and errors.
 */
public final class AnalyticsEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEndpoints.class);

  private static final String REQUESTS = "analyticsReportRequests";
  private static final String REPORTS = "analyticsReports";
  private static final String INSTANCES = "analyticsReportInstances";
  private static final String SEGMENTS = "analyticsReportSegments";

  private static final List<String> GRANULARITIES =
      Arrays.stream(Granularity.values()).map(Granularity::name).toList();
  private static final Pattern REPORT_ID = Pattern.compile("r([0-9]{1,6})-(.+)");

  /** Maximum of {@code limit[reports]}, as Apple documents it. */
  private static final int MAX_INCLUDED_REPORTS = 50;

  // NOTE: Apple documents only the maximum of limit[reports]; the default of 10 is a guess.
  private static final int DEFAULT_INCLUDED_REPORTS = 10;

  private final AppCatalog apps;
  private final RequestRegistry requests;
  private final InstanceDirectory instances;
  private final SegmentStore store;
  private final PresignedUrls urls;
  private final FaultSwitches faults;
  private final Supplier<LocalDate> today;

  public AnalyticsEndpoints(
      AppCatalog apps,
      RequestRegistry requests,
      InstanceDirectory instances,
      SegmentStore store,
      PresignedUrls urls,
      FaultSwitches faults,
      Supplier<LocalDate> today) {
    this.apps = apps;
    this.requests = requests;
    this.instances = instances;
    this.store = store;
    this.urls = urls;
    this.faults = faults;
    this.today = today;
  }

  /**
   * {@code GET /v1/apps/{id}/analyticsReportRequests}, or 403 {@code FORBIDDEN_ERROR} while the key
   * is switched to a role that may not list requests, as Apple responds to a Developer key.
   */
  public ApiResponse listRequestsOfApp(ApiRequest request) {
    if (faults.requestListingForbidden()) {
      LOG.info("Answered {} with 403 (fault switch: role may not list requests)", request.path());
      throw ApiErrors.forbidden();
    }
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[accessType]",
            JsonApi.fieldsParameter(REQUESTS),
            JsonApi.fieldsParameter(REPORTS),
            "include",
            "limit",
            "limit[reports]",
            "cursor"));
    String appId = request.pathParameter(0);
    if (apps.find(appId).isEmpty()) {
      throw ApiErrors.notFound("apps", appId);
    }
    List<String> accessTypes = query.enumValues("filter[accessType]", RequestRegistry.ACCESS_TYPES);
    Inclusion inclusion = Inclusion.of(query);

    List<ReportRequest> matching =
        requests.forApp(appId).stream()
            .filter(r -> accessTypes.isEmpty() || accessTypes.contains(r.accessType()))
            .toList();
    Paging.Page<ReportRequest> page = Paging.page(matching, query);
    List<ObjectNode> data = new ArrayList<>();
    List<ObjectNode> included = new ArrayList<>();
    for (ReportRequest reportRequest : page.items()) {
      data.add(requestResource(request.baseUrl(), reportRequest, inclusion, included));
    }
    Paging.Page<ObjectNode> resourcePage =
        new Paging.Page<>(data, page.total(), page.limit(), page.nextCursor());
    return ApiResponse.json(200, JsonApi.collection(request, resourcePage, included));
  }

  /** {@code POST /v1/analyticsReportRequests}. */
  public ApiResponse createRequest(ApiRequest request) {
    request.query().requireOnly(List.of());
    JsonNode data = readRequestData(request.body());
    String accessType = data.path("attributes").path("accessType").asText();
    String appId = data.path("relationships").path("app").path("data").path("id").asText();

    if (faults.take(CountedFault.CONFLICT_ON_CREATE)) {
      LOG.info("Answered the {} request of app {} with 409 (fault switch)", accessType, appId);
      throw ApiErrors.duplicateEntity();
    }
    ReportRequest created = requests.create(appId, accessType, today.get());
    LOG.info("Created {} analytics report request {} for app {}", accessType, created.id(), appId);
    ObjectNode resource =
        requestResource(request.baseUrl(), created, Inclusion.NONE, new ArrayList<>());
    String location = resource.path("links").path("self").asText();
    return ApiResponse.json(
        201, JsonApi.single(request, resource, List.of()), Map.of("Location", location));
  }

  /** {@code GET /v1/analyticsReportRequests/{id}}. */
  public ApiResponse getRequest(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            JsonApi.fieldsParameter(REQUESTS),
            JsonApi.fieldsParameter(REPORTS),
            "include",
            "limit[reports]"));
    ReportRequest reportRequest = findRequest(request.pathParameter(0));
    Inclusion inclusion = Inclusion.of(query);
    List<ObjectNode> included = new ArrayList<>();
    ObjectNode resource = requestResource(request.baseUrl(), reportRequest, inclusion, included);
    return ApiResponse.json(200, JsonApi.single(request, resource, included));
  }

  /** {@code DELETE /v1/analyticsReportRequests/{id}}. */
  public ApiResponse deleteRequest(ApiRequest request) {
    request.query().requireOnly(List.of());
    String id = request.pathParameter(0);
    if (!requests.delete(id)) {
      throw ApiErrors.notFound(REQUESTS, id);
    }
    LOG.info("Deleted analytics report request {}", id);
    return ApiResponse.noContent();
  }

  /** {@code GET /v1/analyticsReportRequests/{id}/reports}. */
  public ApiResponse listReports(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[category]",
            "filter[name]",
            JsonApi.fieldsParameter(REPORTS),
            "limit",
            "cursor"));
    ReportRequest reportRequest = findRequest(request.pathParameter(0));
    List<String> categories = query.enumValues("filter[category]", ReportCatalog.CATEGORIES);
    List<String> names =
        query.get("filter[name]").map(n -> List.of(n.split(","))).orElse(List.of());
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(REPORTS));

    List<ObjectNode> matching = new ArrayList<>();
    for (ReportDefinition report : ReportCatalog.all()) {
      if ((categories.isEmpty() || categories.contains(report.category()))
          && (names.isEmpty() || names.contains(report.name()))) {
        ObjectNode resource = reportResource(request.baseUrl(), reportRequest, report);
        JsonApi.applySparseFieldsets(resource, fieldsets);
        matching.add(resource);
      }
    }
    return ApiResponse.json(
        200, JsonApi.collection(request, Paging.page(matching, query), List.of()));
  }

  /** {@code GET /v1/analyticsReports/{id}}. */
  public ApiResponse getReport(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(List.of(JsonApi.fieldsParameter(REPORTS)));
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(REPORTS));
    String reportId = request.pathParameter(0);
    ReportInRequest found = findReport(reportId);
    ObjectNode resource = reportResource(request.baseUrl(), found.request(), found.report());
    JsonApi.applySparseFieldsets(resource, fieldsets);
    return ApiResponse.json(200, JsonApi.single(request, resource, List.of()));
  }

  /** {@code GET /v1/analyticsReports/{id}/instances}. */
  public ApiResponse listInstances(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[granularity]",
            "filter[processingDate]",
            JsonApi.fieldsParameter(INSTANCES),
            "limit",
            "cursor"));
    ReportInRequest found = findReport(request.pathParameter(0));
    List<String> granularities = query.enumValues("filter[granularity]", GRANULARITIES);
    List<LocalDate> processingDates = processingDates(query);
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(INSTANCES));

    List<ObjectNode> matching = new ArrayList<>();
    for (AnalyticsInstance instance : instances.listed(found.request(), found.report())) {
      if ((granularities.isEmpty() || granularities.contains(instance.granularity().name()))
          && (processingDates.isEmpty() || processingDates.contains(instance.processingDate()))) {
        ObjectNode resource = instanceResource(request.baseUrl(), instance);
        JsonApi.applySparseFieldsets(resource, fieldsets);
        matching.add(resource);
      }
    }
    return ApiResponse.json(
        200, JsonApi.collection(request, Paging.page(matching, query), List.of()));
  }

  /** {@code GET /v1/analyticsReportInstances/{id}}. */
  public ApiResponse getInstance(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(List.of(JsonApi.fieldsParameter(INSTANCES)));
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(INSTANCES));
    AnalyticsInstance instance = findInstance(request.pathParameter(0));
    ObjectNode resource = instanceResource(request.baseUrl(), instance);
    JsonApi.applySparseFieldsets(resource, fieldsets);
    return ApiResponse.json(200, JsonApi.single(request, resource, List.of()));
  }

  /**
   * {@code GET /v1/analyticsReportInstances/{id}/segments}: every call signs fresh download URLs
   * that expire after the configured lifetime.
   *
   * <p>Fault switches: the URLs of one call can be signed already expired, listed segments can be
   * truncated and announced with the cut bytes' size and MD5, and all segments can be written as
   * multi-member gzip files. The variant is part of the signed URL, so the download serves what the
   * listing announced.
   */
  public ApiResponse listSegments(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(List.of(JsonApi.fieldsParameter(SEGMENTS), "limit", "cursor"));
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(SEGMENTS));
    AnalyticsInstance instance = findInstance(request.pathParameter(0));
    SandboxApp app = apps.find(instance.request().appId()).orElseThrow();
    boolean multiMember = faults.multiMemberGzip();
    boolean expired = faults.take(CountedFault.EXPIRED_URLS);
    if (expired) {
      LOG.info("Signed already expired URLs for instance {} (fault switch)", instance.id());
    }

    List<ObjectNode> resources = new ArrayList<>();
    List<SegmentFile> segments =
        store.segments(
            app,
            instance.report().kind(),
            instance.granularity(),
            instance.processingDate(),
            multiMember);
    for (SegmentFile segment : segments) {
      String segmentId = instances.segmentId(instance, segment.index());
      boolean truncated =
          segment.streamed() == null && faults.take(CountedFault.TRUNCATED_SEGMENTS);
      SegmentFile announced = truncated ? segment.truncated() : segment;
      if (truncated) {
        LOG.info("Listed segment {} truncated (fault switch)", segmentId);
      }
      String path = SegmentDownloads.path(app.id(), instance, segmentId, segment.index());
      String variant = new SegmentVariant(multiMember, truncated).parameterValue();
      ObjectNode attributes = Json.MAPPER.createObjectNode();
      attributes.put("checksum", announced.md5());
      attributes.put("sizeInBytes", announced.sizeInBytes());
      attributes.put("url", urls.sign(request.baseUrl(), path, variant, expired));
      ObjectNode resource =
          JsonApi.resource(request.baseUrl(), SEGMENTS, segmentId, attributes, List.of());
      JsonApi.applySparseFieldsets(resource, fieldsets);
      resources.add(resource);
    }
    return ApiResponse.json(
        200, JsonApi.collection(request, Paging.page(resources, query), List.of()));
  }

  private ReportRequest findRequest(String id) {
    return requests.find(id).orElseThrow(() -> ApiErrors.notFound(REQUESTS, id));
  }

  private record ReportInRequest(ReportRequest request, ReportDefinition report) {}

  private ReportInRequest findReport(String reportId) {
    Matcher matcher = REPORT_ID.matcher(reportId);
    if (matcher.matches()) {
      var report = ReportCatalog.bySlot(Integer.parseInt(matcher.group(1)));
      var reportRequest = requests.find(matcher.group(2));
      if (report.isPresent() && reportRequest.isPresent()) {
        return new ReportInRequest(reportRequest.get(), report.get());
      }
    }
    throw ApiErrors.notFound(REPORTS, reportId);
  }

  private AnalyticsInstance findInstance(String instanceId) {
    return instances.find(instanceId).orElseThrow(() -> ApiErrors.notFound(INSTANCES, instanceId));
  }

  private static List<LocalDate> processingDates(QueryParameters query) {
    List<LocalDate> dates = new ArrayList<>();
    String value = query.get("filter[processingDate]").orElse(null);
    if (value == null) {
      return dates;
    }
    for (String item : value.split(",", -1)) {
      try {
        dates.add(LocalDate.parse(item));
      } catch (DateTimeParseException e) {
        throw ApiErrors.parameterInvalid(
            "filter[processingDate]",
            "'"
                + item
                + "' is not a valid value for the parameter 'filter[processingDate]'. The"
                + " expected format is YYYY-MM-DD");
      }
    }
    return dates;
  }

  /** Whether and how many reports to include with a request resource. */
  private record Inclusion(boolean reports, int limit, Map<String, Set<String>> fieldsets) {
    static final Inclusion NONE = new Inclusion(false, 0, Map.of());

    static Inclusion of(QueryParameters query) {
      List<String> include = query.enumValues("include", List.of("reports"));
      int limit =
          Paging.limit(query, "limit[reports]", DEFAULT_INCLUDED_REPORTS, MAX_INCLUDED_REPORTS);
      Map<String, Set<String>> fieldsets =
          JsonApi.sparseFieldsets(query, List.of(REQUESTS, REPORTS));
      return new Inclusion(include.contains("reports"), limit, fieldsets);
    }
  }

  private ObjectNode requestResource(
      String baseUrl, ReportRequest reportRequest, Inclusion inclusion, List<ObjectNode> included) {
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    attributes.put("accessType", reportRequest.accessType());
    attributes.put("stoppedDueToInactivity", reportRequest.stoppedDueToInactivity());
    ObjectNode resource =
        JsonApi.resource(baseUrl, REQUESTS, reportRequest.id(), attributes, List.of("reports"));
    if (inclusion.reports()) {
      ArrayNode linkage =
          ((ObjectNode) resource.path("relationships").path("reports")).putArray("data");
      List<ReportDefinition> reports = ReportCatalog.all();
      for (ReportDefinition report :
          reports.subList(0, Math.min(inclusion.limit(), reports.size()))) {
        linkage.addObject().put("type", REPORTS).put("id", report.reportId(reportRequest.id()));
        ObjectNode reportResource = reportResource(baseUrl, reportRequest, report);
        JsonApi.applySparseFieldsets(reportResource, inclusion.fieldsets());
        included.add(reportResource);
      }
    }
    JsonApi.applySparseFieldsets(resource, inclusion.fieldsets());
    return resource;
  }

  private static ObjectNode reportResource(
      String baseUrl, ReportRequest reportRequest, ReportDefinition report) {
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    attributes.put("name", report.name());
    attributes.put("category", report.category());
    return JsonApi.resource(
        baseUrl, REPORTS, report.reportId(reportRequest.id()), attributes, List.of("instances"));
  }

  private static ObjectNode instanceResource(String baseUrl, AnalyticsInstance instance) {
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    attributes.put("granularity", instance.granularity().name());
    attributes.put("processingDate", instance.processingDate().toString());
    return JsonApi.resource(baseUrl, INSTANCES, instance.id(), attributes, List.of("segments"));
  }

  /**
   * Checks a create body against the OpenAPI schema: {@code data.type}, {@code
   * data.attributes.accessType} and {@code data.relationships.app.data} are required.
   */
  private JsonNode readRequestData(byte[] body) {
    JsonNode root = parseJsonObject(body);
    JsonNode data = requireObject(root, "data", "/data");

    checkType(data);
    checkAccessType(data);
    checkApp(data);
    return data;
  }

  private static JsonNode parseJsonObject(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiErrors.entityInvalid("The request body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw ApiErrors.entityInvalid("The request body must be a JSON object");
    }
    return root;
  }

  private static void checkType(JsonNode data) {
    String type = data.path("type").asText(null);
    if (type == null) {
      throw missing("/data/type");
    }
    if (!type.equals(REQUESTS)) {
      throw ApiErrors.entityUnprocessable(
          "/data/type", "'" + type + "' is not a valid type here; expected '" + REQUESTS + "'");
    }
  }

  private static void checkAccessType(JsonNode data) {
    JsonNode attributes = requireObject(data, "attributes", "/data/attributes");
    String accessType = attributes.path("accessType").asText(null);
    if (accessType == null) {
      throw missing("/data/attributes/accessType");
    }
    if (!RequestRegistry.ACCESS_TYPES.contains(accessType)) {
      throw ApiErrors.entityUnprocessable(
          "/data/attributes/accessType",
          "'"
              + accessType
              + "' is not a valid value for 'accessType'. Valid values: "
              + String.join(", ", RequestRegistry.ACCESS_TYPES));
    }
  }

  private void checkApp(JsonNode data) {
    JsonNode relationships = requireObject(data, "relationships", "/data/relationships");
    JsonNode app = requireObject(relationships, "app", "/data/relationships/app");
    JsonNode appData = requireObject(app, "data", "/data/relationships/app/data");
    if (!"apps".equals(appData.path("type").asText(null))) {
      throw ApiErrors.entityUnprocessable(
          "/data/relationships/app/data/type", "The relationship 'app' must have the type 'apps'");
    }

    String appId = appData.path("id").asText(null);
    if (appId == null) {
      throw missing("/data/relationships/app/data/id");
    }
    if (apps.find(appId).isEmpty()) {
      throw ApiErrors.entityUnprocessable(
          "/data/relationships/app/data/id",
          "There is no resource of type 'apps' with id '" + appId + "'");
    }
  }

  private static JsonNode requireObject(JsonNode parent, String member, String pointer) {
    JsonNode child = parent.get(member);
    if (child == null || !child.isObject()) {
      throw missing(pointer);
    }
    return child;
  }

  private static ApiException missing(String pointer) {
    return ApiErrors.entityUnprocessable(
        pointer, "The required member '" + pointer + "' is missing or is not of the right type");
  }
}
