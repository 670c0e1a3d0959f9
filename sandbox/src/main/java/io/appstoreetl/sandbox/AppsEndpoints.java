package io.appstoreetl.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.Json;
import io.appstoreetl.sandbox.http.JsonApi;
import io.appstoreetl.sandbox.http.Paging;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1/apps} and {@code GET /v1/apps/{id}}. */
final class AppsEndpoints {

  private static final String APPS = "apps";

  private final AppCatalog apps;

  AppsEndpoints(AppCatalog apps) {
    this.apps = apps;
  }

  ApiResponse list(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[bundleId]",
            "filter[id]",
            "filter[name]",
            "filter[sku]",
            JsonApi.fieldsParameter(APPS),
            "limit",
            "cursor"));
    List<String> bundleIds = commaList(query, "filter[bundleId]");
    List<String> ids = commaList(query, "filter[id]");
    List<String> names = commaList(query, "filter[name]");
    List<String> skus = commaList(query, "filter[sku]");
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(APPS));

    List<ObjectNode> matching = new ArrayList<>();
    for (SandboxApp app : apps.apps()) {
      if (matches(bundleIds, app.bundleId())
          && matches(ids, app.id())
          && matches(names, app.name())
          && matches(skus, app.sku())) {
        ObjectNode resource = resource(request.baseUrl(), app);
        JsonApi.applySparseFieldsets(resource, fieldsets);
        matching.add(resource);
      }
    }
    return ApiResponse.json(
        200, JsonApi.collection(request, Paging.page(matching, query), List.of()));
  }

  ApiResponse get(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(List.of(JsonApi.fieldsParameter(APPS)));
    Map<String, Set<String>> fieldsets = JsonApi.sparseFieldsets(query, List.of(APPS));
    String id = request.pathParameter(0);
    SandboxApp app = apps.find(id).orElseThrow(() -> ApiErrors.notFound(APPS, id));
    ObjectNode resource = resource(request.baseUrl(), app);
    JsonApi.applySparseFieldsets(resource, fieldsets);
    return ApiResponse.json(200, JsonApi.single(request, resource, List.of()));
  }

  private static ObjectNode resource(String baseUrl, SandboxApp app) {
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    attributes.put("name", app.name());
    attributes.put("bundleId", app.bundleId());
    attributes.put("sku", app.sku());
    attributes.put("primaryLocale", "en-US");
    return JsonApi.resource(
        baseUrl, APPS, app.id(), attributes, List.of("analyticsReportRequests"));
  }

  private static List<String> commaList(QueryParameters query, String name) {
    return query.get(name).map(value -> List.of(value.split(","))).orElse(List.of());
  }

  private static boolean matches(List<String> filterValues, String value) {
    return filterValues.isEmpty() || filterValues.contains(value);
  }
}
